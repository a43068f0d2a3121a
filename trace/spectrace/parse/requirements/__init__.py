"""Requirements documents to requirements and their acceptance criteria."""
