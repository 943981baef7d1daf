"""The PySide6 window: the only layer that knows about Qt. Widgets stay thin; they call the
store's repositories and the ``io``/``certificates`` functions and show what comes back."""
