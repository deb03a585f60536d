"""``python -m pressqa``."""

from pressqa.cli.main import main

if __name__ == "__main__":
    main()
