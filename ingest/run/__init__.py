"""A run: the stages (prepare, translate, assemble) and the engines that drive them.

`stages.py` is the work, as plain functions over picklable data; `driver.py`
what every engine does on the driver; `local.py` (with `pool.py`) runs the
stages on this machine, `ray_engine.py` on a Ray cluster. `batch.py` is a
run over inputs (what `ingest.process` and `babelwire ingest` do),
`report.py` what a run says to people. `start` readies any run (refresh's
too); `engine` picks where it runs.
"""

from __future__ import annotations


def engine(settings, translator=None, cache=None):
    """The engine `settings.engine` names, with the translator (routes, decoding) and the cache."""
    if settings.engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(settings, translator, cache)
    from .local import LocalEngine

    return LocalEngine(settings, translator, cache)


def start(settings):
    """What a run needs before anything runs, checked: Argos pointed at `settings.models_dir`, the settings
    checked against this machine (Settings.check), and the run's translator and translation cache, (None, None)
    when it does not translate.

    A cache that cannot be opened is reported and the run goes on without it.
    With the local engine the device is settled, and checked, here
    (DeviceError: `--device cuda` with no GPU).
    """
    from translate.models import use_models_dir

    use_models_dir(settings.models_dir)
    settings.check()
    if not settings.translate:
        return None, None
    from translate.cache import CacheError, TranslationCache
    from translate.engine import Translator

    from .report import no_cache

    cache = None
    if settings.use_cache:
        try:
            cache = TranslationCache(settings.cache)
        except CacheError as exc:
            no_cache(exc)
    translator = Translator(settings.decoding())
    if settings.engine == "local":
        _ = translator.plan
    return translator, cache
