"""Reading spec documents: Markdown blocks, requirements, design items, references."""
