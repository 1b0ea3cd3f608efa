"""Scene renderers: one content builder per scene type, plus the spoken-line box."""
