"""Moved to extractor.labels (naming a figure is part of reading the report); kept for imports."""

from extractor.labels import _jieba, canonical, is_known, is_name, label_before, year_before

__all__ = ["_jieba", "canonical", "is_known", "is_name", "label_before", "year_before"]
