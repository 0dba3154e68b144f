"""The one exception type for bad user input, so every front end can show it as one clear line."""


class InputError(ValueError):
    """Input the user can fix: the message names the field and says what is accepted.

    Front ends catch it and show the message; nothing has been changed when it is raised.
    """
