"""Start-up: each command imports only the heavy modules it needs (numpy ~0.1 s, rich,
scipy ~0.3 s, matplotlib ~0.7 s), checked in a fresh process per command."""
import subprocess
import sys

import pytest

HEAVY = ("numpy", "scipy", "rich", "matplotlib", "matplotlib.pyplot")
PROBE = ("import sys\nfrom activation_cli.cli import main\n"
         "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
         f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")


@pytest.mark.parametrize(("args", "expected"), [
    (["--help"], ""),
    (["recommend", "--task", "multiclass", "--format", "json"], ""),
    (["recommend", "--task", "binary", "--framework", "pytorch"], "rich"),
    (["guide"], "rich"),
    (["rules", "--format", "markdown"], ""),
    (["eval", "softmax", "1", "3", "2"], "numpy"),
    (["eval", "gelu", "1"], "numpy scipy"),
    (["list"], "numpy rich"),
    (["info", "gelu", "--format", "json"], "numpy"),
    (["plot", "tanh", "-o", "x.png", "--points", "21"], "numpy matplotlib"),
    (["compare", "--epochs", "1", "--format", "json"], "numpy"),
    (["check", "."], ""),
    (["check", ".", "--format", "sarif"], ""),
    (["check", "--explain", "ACT101"], ""),
])
def test_command_imports_only_what_it_needs(tmp_path, args, expected):
    run = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, capture_output=True, text=True,
                         check=True)
    assert run.stderr.splitlines()[-1] == expected, run.stderr
