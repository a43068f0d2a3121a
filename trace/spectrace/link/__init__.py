"""From parsed documents to the traceability graph: references attached, links resolved."""
