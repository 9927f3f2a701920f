"""One applicant's journey in the `apply.rush` scenario, as a browser makes it, with a
plain HTTP client (requests): sign in, open their application, save two question pages
(the forms' own fields, CSRF token and section version, with two answers changed) and
double-click "Accept and submit" (two near-simultaneous POSTs on the same cookies).

Every request is timed and recorded as {"kind", "ms", "status", "ok"}; a journey stops at
its first unexpected answer. What the server said it saved is kept for the lost-save
check (`saved`)."""

import re
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

TIMEOUT = 60  # seconds, per request


class FormParser(HTMLParser):
    """The POST forms of a page: [{"action": str, "fields": [(name, value)]}], with each
    field as a browser would send it (checked boxes and radios, selected options, text
    areas); submit buttons are left out (the journey says which one it presses)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form["fields"].append((name, a.get("value", default)))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the one newline that may follow <textarea>.
            self._form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            value = chosen if chosen is not None else self._select["first"]
            if value is not None:
                self._form["fields"].append((self._select["name"], value))
            self._select = None
        elif tag == "form":
            self._form = None


def post_form(html, action_contains="", has_field=""):
    """The page's first POST form whose action contains `action_contains` and which has
    a field named `has_field` (either may be "")."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        names = {name for name, _ in form["fields"]}
        if action_contains in form["action"] and (not has_field or has_field in names):
            return form
    raise LookupError(f"no POST form with action {action_contains!r} and field {has_field!r}")


def with_values(fields, changes):
    """The form's fields with `changes` ({name: value}) replacing their values."""
    missing = set(changes) - {name for name, _ in fields}
    if missing:
        raise LookupError(f"the form has no field {sorted(missing)}")
    return [(name, changes.get(name, value)) for name, value in fields]


class Unexpected(Exception):
    pass


class Journey:
    """One applicant. `run()` records into `results` and `saved`; `completed` says
    whether every step answered as expected before `deadline` (time.monotonic())."""

    def __init__(self, base, email, password, token, deadline):
        self.base = base
        self.email = email
        self.password = password
        self.token = token  # unique text this client writes, to find it in the database
        self.deadline = deadline
        self.session = requests.Session()
        self.session.headers["Origin"] = base  # as a browser sends it with a POST
        self.results = []
        self.saved = {}
        self.bid = None
        self.completed = False
        self.clicks_overlapped = False
        self.failure = ""
        self._lock = threading.Lock()

    # Requests -----------------------------------------------------------------------

    def _request(self, kind, method, path, expect, session=None, **kwargs):
        if time.monotonic() > self.deadline:
            raise Unexpected("deadline")
        url = urljoin(self.base, path)
        start = time.perf_counter()
        try:
            response = (session or self.session).request(
                method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs
            )
            status = response.status_code
        except requests.Timeout:
            response, status = None, "timeout"
        except requests.ConnectionError:
            response, status = None, "connection"
        ms = (time.perf_counter() - start) * 1000
        ok = status == expect
        with self._lock:
            self.results.append({"kind": kind, "ms": ms, "status": status, "ok": ok})
        if not ok:
            raise Unexpected(f"{method} {path}: {status} (expected {expect})")
        return response

    def get(self, path, kind="page", expect=200):
        return self._request(kind, "GET", path, expect)

    def post(self, path, data, kind, expect=302, session=None):
        return self._request(kind, "POST", path, expect, session=session, data=data)

    # The journey -----------------------------------------------------------------------

    def run(self):
        try:
            self._journey()
            self.completed = True
        except Unexpected as problem:
            self.failure = str(problem)
        except Exception as problem:  # a page that is not what the journey expects
            self.failure = f"{type(problem).__name__}: {problem}"
        finally:
            self.session.close()

    def _journey(self):
        page = self.get("/account/sign-in/", kind="sign_in_page")
        form = post_form(page.text, has_field="password")
        fields = with_values(form["fields"], {"email": self.email, "password": self.password})
        answer = self.post("/account/sign-in/", fields, kind="sign_in")
        dashboard = self.get(answer.headers["Location"])
        found = re.search(r'href="/apply/(\d+)/"', dashboard.text)
        if not found:
            raise Unexpected("the dashboard lists no application")
        self.bid = int(found.group(1))
        overview = f"/apply/{self.bid}/"
        self.get(overview)
        self._save("challenge", {"title": f"Rush {self.token}: a shared priority"})
        self._save("plan", {"risks": f"Rush {self.token}: diary pressures on leaders."})
        check = self.get(f"/apply/{self.bid}/check-answers/")
        submit_path = f"/apply/{self.bid}/submit/"
        fields = post_form(check.text, submit_path)["fields"]
        self._double_click(submit_path, fields)
        self.get(f"/apply/{self.bid}/submitted/")

    def _save(self, step, changes):
        path = f"/apply/{self.bid}/section/{step}/"
        page = self.get(path)
        named = {f"{step}-{name}": value for name, value in changes.items()}
        form = post_form(page.text, has_field="section_version")
        fields = with_values(form["fields"], named)
        self.post(path, [*fields, ("action", "continue")], kind="save")
        for name, value in changes.items():
            self.saved[(self.bid, step, name)] = value

    def _double_click(self, path, fields):
        """Two POSTs of the submit form, released together, on the same cookies."""
        second = requests.Session()
        second.headers.update(self.session.headers)
        second.cookies.update(self.session.cookies)
        barrier = threading.Barrier(2)
        problems = []
        spans = []

        def click(session):
            barrier.wait()
            start = time.monotonic()
            try:
                self.post(path, fields, kind="submit", session=session)
            except Unexpected as problem:
                problems.append(str(problem))
            spans.append((start, time.monotonic()))

        other = threading.Thread(target=click, args=(second,))
        other.start()
        click(self.session)
        other.join()
        second.close()
        # Both requests were in flight at once (the second reached the server before the
        # first had answered), so the double click tested the submit's idempotency.
        self.clicks_overlapped = max(s for s, _ in spans) < min(e for _, e in spans)
        if problems:
            raise Unexpected(problems[0])
