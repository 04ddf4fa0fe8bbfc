"""Facts the model's writer, its reader and the engine share, defined once."""

MODEL_FORMAT = 2
# The diagnosis result's format (see engine): ids, numbers and quotes only, never English.
RESULT_FORMAT = 3
# The common timeline every framework's stages are laid on.
TIMELINE_START = 0.0
TIMELINE_END = 100.0
# The longest description accepted, in characters; the model carries it to the page and share links.
MAX_TEXT_LENGTH = 4000
