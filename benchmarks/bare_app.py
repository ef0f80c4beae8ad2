"""The baseline of bench_startup: the smallest Textual app that paints a line,
started the same way as explorer (the same interpreter, in the same tmux pane)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bare Textual app")


if __name__ == "__main__":
    BareApp().run()
