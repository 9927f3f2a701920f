"""Sign-in throttling: a fixed window counter per email address and per IP address."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(email, ip):
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:email:{digest}", f"login-fail:ip:{ip or 'unknown'}"]


def is_locked(email, ip):
    limit = settings.LOGIN_THROTTLE_LIMIT
    return any((cache.get(key) or 0) >= limit for key in _keys(email, ip))


def record_failure(email, ip):
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in _keys(email, ip):
        if cache.add(key, 1, window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)


def clear(email, ip):
    cache.delete(_keys(email, ip)[0])


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")
