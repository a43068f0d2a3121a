"""Design documents to design items: the block tree read once, guided by the section outline."""
