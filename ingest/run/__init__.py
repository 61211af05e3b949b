"""A run: the stages (prepare, translate, assemble) and the engines that drive them.

`stages.py` is the work, as plain functions over picklable data; `driver.py`
what every engine does on the driver; `local.py` (with `pool.py`) runs the
stages on this machine, `ray_engine.py` on a Ray cluster.
"""

from __future__ import annotations


def engine(settings, translator=None, cache=None):
    """The engine `settings.engine` names, with the translator (routes, decoding) and the cache."""
    if settings.engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(settings, translator, cache)
    from .local import LocalEngine

    return LocalEngine(settings, translator, cache)
