"""Deal review: assessment history, the stakeholder power map, charts, print and Markdown export."""
