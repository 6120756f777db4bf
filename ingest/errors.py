"""The one exception a landing file can raise, with a message a controller can act on."""


class LandingFileError(ValueError):
    """A landing file cannot be accepted as it is.

    The message names the file and, where it is about a value, the line (as an editor
    shows it: the header is line 1), the column as written in the file, what was
    expected and what was found.
    """

    def __init__(self, file_name: str, problems: list[str]) -> None:
        self.file_name = file_name
        self.problems = problems
        super().__init__("\n".join(problems))
