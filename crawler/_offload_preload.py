"""Imported once by the worker pool's fork server (crawler.offload): the page stages' models, loaded before the
workers are forked, so that they share them instead of each loading its own. A model that fails to load here is
loaded (and its error raised) by the stage that needs it, in the worker."""

import logging

from filters import pii, sensitive
from pipelines import extract  # noqa: F401 - trafilatura's import

try:
    sensitive.load_model()
    for _language in pii.MODELS:
        pii.shared_analyzer().nlp_engine.nlp[_language]
except Exception as exc:  # noqa: BLE001 - see above
    logging.getLogger(__name__).debug("models not preloaded: %s", exc)
