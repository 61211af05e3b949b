"""Offline translation: Argos model management, sentence segmentation, batched CTranslate2 decoding."""
