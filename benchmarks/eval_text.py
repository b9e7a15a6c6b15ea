"""actv eval's text output for long inputs: whole processes, `actv eval relu --input -` on 10^5
and 10^6 numbers, against printing the same result with numpy's array2string (what actv did
before it streamed its text output; quadratic in the length). Interleaved runs; medians.

    python benchmarks/eval_text.py [--repeat 3]
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ARRAY2STRING = ("import sys, numpy as np; x = np.loadtxt(sys.argv[1]); "
                "sys.stdout.write(np.array2string(np.maximum(x, 0), threshold=sys.maxsize, separator=' '))")


def timed(command, stdin_path):
    with open(stdin_path) as stdin:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in map(int, args.sizes.split(",")):
            path = Path(folder) / f"x{size}.txt"
            np.savetxt(path, np.random.default_rng(0).normal(size=size))
            actv, numpy_print = [], []
            for _ in range(args.repeat):
                actv.append(timed([sys.executable, "-m", "activation_cli", "eval", "relu", "--input", "-"], path))
                if size <= 200_000:  # array2string takes minutes at 10^6
                    numpy_print.append(timed([sys.executable, "-c", ARRAY2STRING, str(path)], path))
            line = f"{size:>9} values: actv eval --input - {statistics.median(actv):6.2f} s"
            if numpy_print:
                line += (f"; np.loadtxt + array2string {statistics.median(numpy_print):6.2f} s "
                         f"(ratio {statistics.median(numpy_print) / statistics.median(actv):.1f}x)")
            print(line)


if __name__ == "__main__":
    main()
