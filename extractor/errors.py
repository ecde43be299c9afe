"""The one error a reader raises: a Chinese message for the reviewer, an English gist beside it."""


class ReadError(Exception):
    def __init__(self, message: str, gist: str) -> None:
        super().__init__(f"{message}（{gist}）")
        self.message = message
        self.gist = gist
