"""Benchmark scenarios. Each module registers functions with @scenario; they run in order."""

REGISTRY = []


def scenario(order):
    def register(fn):
        REGISTRY.append((order, fn.__name__, fn))
        return fn

    return register
