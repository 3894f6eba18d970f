"""`make`'s first step: is this Python new enough for the course? Says so in plain words.

    python3 tools/check_python.py 3.11 python3 lab

(the minimum, the name the user's make called the interpreter by, the make goal to repeat).
Kept to syntax that even old Pythons parse, so the message, not a SyntaxError, is what a
learner with an old Python sees.
"""

import sys


def main(argv):
    minimum, name, goal = argv[1], argv[2], argv[3] if len(argv) > 3 and argv[3] else "lab"
    need = tuple(int(part) for part in minimum.split("."))
    if sys.version_info[:2] >= need:
        return 0
    have = ".".join(str(part) for part in sys.version_info[:3])
    # str.format, not an f-string: old Pythons must parse this file
    message = (
        "The course needs Python {m} or newer; this {n} is {h}.\n"
        "Install Python {m} or newer (from python.org, your package manager, or pyenv), "
        "then run\n    make PYTHON=python{m} {g}\n"
        "(or any newer one, e.g. PYTHON=python3.13). If a .venv was already made with the "
        "old Python, delete it first with `make clean`.\n")
    sys.stderr.write(message.format(m=minimum, n=name, h=have, g=goal))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
