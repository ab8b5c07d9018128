"""Reading: one spaCy pipeline of small components over a narrative, producing typed mentions.

Each component module exposes a finder `find(text) -> list[Mention]` (see `casecourse.model.Mention`)
over the whole text with character offsets; `pipeline.read` runs them once and zones the result.
"""
