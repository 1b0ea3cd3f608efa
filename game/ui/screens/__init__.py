"""The screens of the game: one module per screen."""
