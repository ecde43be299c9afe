"""The rules: `check_document(doc)` runs every registered rule over a document model."""
