#!/usr/bin/env python3
"""What `#[derive(TensorSpec)]` costs a user's build, against serde's derives on the same structs.

Generates N structs of five fields (an `Array3<f32>` `[H, W, 3]`, an `Array2<u8>` `[H, W]`, a
`[[f32; 3]; 2]`, an `i64`, an `Option<Array2<f32>>`) in one crate per variant:

    plain    no derive
    serde    #[derive(Serialize, Deserialize)]       (the baseline of every ratio)
    spec     #[derive(TensorSpec)]
    batch    #[derive(TensorSpec)] #[tensor(batch = ...)]

and times a touched `cargo check` of each, the variants interleaved round by round (A B C D A B
C D ...), so that the machine's drift falls on all of them alike. Prints each variant's median
and its ratio to serde's, incremental and not.

With --clean-build, it also times a clean `cargo build` of a binary that depends on tensorspec
(default features) against one that depends on ndarray + serde (derive), interleaved and not
incremental (as cargo builds a dependency from crates.io, where tensorspec here is a path
dependency), and counts the packages each pulls.

    python3 scripts/compile_cost.py                 # 100 structs, 5 rounds
    python3 scripts/compile_cost.py --structs 1000 --rounds 3
    python3 scripts/compile_cost.py --clean-build
    python3 scripts/compile_cost.py --clean-build-only --rounds 3
    python3 scripts/compile_cost.py --instructions-only

With --instructions, it first counts the instructions rustc executes to check each variant's
crate, under valgrind's cachegrind: an exact count, the same from run to run, where timings on
a shared machine drift by 20-50 %. The ratios of counts are a proxy for those of times, not
the same thing (a cache miss counts as one instruction), so the timed ratios stay the target.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ["plain", "serde", "spec", "batch"]


def struct_source(variant: str, i: int) -> str:
    derive = {
        "plain": "",
        "serde": "#[derive(serde::Serialize, serde::Deserialize)]\n",
        "spec": "#[derive(tensorspec::TensorSpec)]\n",
        "batch": f"#[derive(tensorspec::TensorSpec)]\n#[tensor(batch = Sample{i}Batch)]\n",
    }[variant]
    spec = variant in ("spec", "batch")
    attr = lambda text: f"    #[tensor({text})]\n" if spec else ""
    return (
        f"{derive}pub struct Sample{i} {{\n"
        f"{attr('dtype = f32, shape = [H, W, 3]')}    pub image: ndarray::Array3<f32>,\n"
        f"{attr('dtype = u8, shape = [H, W]')}    pub mask: ndarray::Array2<u8>,\n"
        f"{attr('shape = [2, 3]')}    pub corners: [[f32; 3]; 2],\n"
        f"    pub label: i64,\n"
        f"{attr('shape = [_, 4]')}    pub boxes: Option<ndarray::Array2<f32>>,\n"
        f"}}\n"
    )


def manifest(name: str, deps: str, lib: bool = True) -> str:
    target = "[lib]\npath = \"src/lib.rs\"\n" if lib else ""
    return (
        f"[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n"
        f"{target}\n[dependencies]\n{deps}\n\n[workspace]\n"
    )


def deps_for(variant: str) -> str:
    tensorspec = f'tensorspec = {{ path = "{ROOT / "runtime"}" }}'
    if variant == "serde":
        return 'ndarray = { version = "0.17", features = ["serde"] }\nserde = { version = "1", features = ["derive"] }'
    if variant in ("spec", "batch"):
        return f'ndarray = "0.17"\n{tensorspec}'
    return 'ndarray = "0.17"'


def run(cmd, cwd, env=None):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)} in {cwd}")


def timed(cmd, cwd, env):
    """Wall time, and the peak resident memory (MB) of the largest process of the run: rustc's
    (Linux reports the largest of a child and of the descendants it waited for)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    # Read stderr to its end first (a full pipe would block the child), then reap the child
    # with its resource usage.
    stderr = child.stderr.read()
    child.stderr.close()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(stderr.decode())
        raise SystemExit(f"failed: {' '.join(cmd)} in {cwd}")
    return elapsed, usage.ru_maxrss / 1024


def touch(path: Path):
    # A real edit, so that every build system sees a change: the same comment, flipped.
    text = path.read_text()
    marker = "// touched\n"
    path.write_text(text[len(marker):] if text.startswith(marker) else marker + text)


def variant_crates(work: Path, structs: int, env) -> dict:
    """One crate of `structs` structs per variant, its dependencies built."""
    crates = {}
    for variant in VARIANTS:
        crate = work / f"{variant}-{structs}"
        (crate / "src").mkdir(parents=True, exist_ok=True)
        (crate / "Cargo.toml").write_text(manifest(f"cost_{variant}", deps_for(variant)))
        source = "\n".join(struct_source(variant, i) for i in range(structs))
        (crate / "src" / "lib.rs").write_text("#![allow(dead_code)]\n" + source)
        run(["cargo", "check", "-q"], crate, env)  # warm: dependencies built, once
        crates[variant] = crate
    return crates


def check_costs(work: Path, structs: int, rounds: int, incremental: bool):
    env = dict(os.environ, CARGO_INCREMENTAL="1" if incremental else "0")
    crates = variant_crates(work, structs, env)
    times = {variant: [] for variant in VARIANTS}
    memory = {variant: [] for variant in VARIANTS}
    for _ in range(rounds):
        for variant, crate in crates.items():
            touch(crate / "src" / "lib.rs")
            elapsed, peak = timed(["cargo", "check", "-q"], crate, env)
            times[variant].append(elapsed)
            memory[variant].append(peak)
    return times, memory


def instruction_counts(work: Path, structs: int, incremental: bool) -> dict:
    """The instructions rustc executes to check each variant's crate (the derive's expansion
    included), counted by valgrind's cachegrind: exact, so one run each is enough and the
    machine's drift does not enter. A proxy for time, not time: a cache miss counts as one
    instruction. Incremental, the count is of a touched check after one that saved the
    incremental state, as in the timed rounds."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (its cachegrind tool counts them)")
    env = dict(os.environ, CARGO_INCREMENTAL="1" if incremental else "0")
    counts = {}
    for variant, crate in variant_crates(work, structs, env).items():
        touch(crate / "src" / "lib.rs")
        verbose = subprocess.run(
            ["cargo", "check", "-v"], cwd=crate, env=env, capture_output=True, text=True
        ).stderr
        # The rustc command cargo ran for the crate itself, as cargo quotes it for a shell.
        line = next(
            line for line in verbose.splitlines()
            if "Running `" in line and f"--crate-name cost_{variant} " in line
        )
        command = line.split("Running `", 1)[1].rstrip("`")
        touch(crate / "src" / "lib.rs")
        counted = subprocess.run(
            "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null " + command,
            shell=True, cwd=crate, env=env, capture_output=True, text=True,
        ).stderr
        refs = re.search(r"I\s+refs:\s+([\d,]+)", counted)
        if refs is None:
            sys.stderr.write(counted)
            raise SystemExit(f"cachegrind counted nothing for {variant}")
        counts[variant] = int(refs.group(1).replace(",", ""))
    return counts


def clean_build_costs(work: Path, rounds: int):
    binaries = {
        "tensorspec": (
            f'ndarray = "0.17"\ntensorspec = {{ path = "{ROOT / "runtime"}" }}',
            "use tensorspec::TensorSpec;\n#[derive(TensorSpec)]\nstruct S { #[tensor(shape = [H, 3])] x: ndarray::Array2<f32> }\n"
            "fn main() { print!(\"{}\", S::spec()); }\n",
        ),
        "ndarray+serde": (
            'ndarray = { version = "0.17", features = ["serde"] }\nserde = { version = "1", features = ["derive"] }',
            "#[derive(serde::Serialize)]\nstruct S { x: ndarray::Array2<f32> }\n"
            "fn main() { let _ = S { x: ndarray::Array2::zeros((2, 3)) }; }\n",
        ),
    }
    crates = {}
    for name, (deps, main) in binaries.items():
        crate = work / ("bin-" + name.replace("+", "-"))
        (crate / "src").mkdir(parents=True, exist_ok=True)
        (crate / "Cargo.toml").write_text(manifest("cost_bin", deps, lib=False))
        (crate / "src" / "main.rs").write_text(main)
        run(["cargo", "generate-lockfile", "-q"], crate)
        crates[name] = crate
    packages = {}
    for name, crate in crates.items():
        tree = subprocess.run(
            ["cargo", "tree", "-e", "normal,build", "--prefix", "none"],
            cwd=crate, capture_output=True, text=True, check=True,
        ).stdout
        packages[name] = len({line.split(" (")[0] for line in tree.splitlines() if line.strip()})
    # Not incremental, as cargo builds a dependency from crates.io: a path dependency is
    # built incrementally, which costs a clean build more (the dependency graph is saved).
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    times = {name: [] for name in crates}
    for _ in range(rounds):
        for name, crate in crates.items():
            shutil.rmtree(crate / "target", ignore_errors=True)
            times[name].append(timed(["cargo", "build", "-q"], crate, env)[0])
    return times, packages


def report(title, times, baseline, memory=None):
    base = statistics.median(times[baseline])
    print(f"\n{title}")
    peak = " peak memory |" if memory else ""
    print(f"| variant | median | min | max | ratio to {baseline} |{peak}")
    print("|---|---|---|---|---|" + ("---|" if memory else ""))
    for variant, samples in times.items():
        median = statistics.median(samples)
        megabytes = f" {statistics.median(memory[variant]):.0f} MB |" if memory else ""
        print(
            f"| {variant} | {median:.2f} s | {min(samples):.2f} s | {max(samples):.2f} s "
            f"| {median / base:.2f}x |{megabytes}"
        )


def report_counts(counts, baseline, kind):
    base = counts[baseline]
    print(f"\nrustc's instructions to check the crate (cachegrind, {kind})")
    print(f"| variant | instructions | ratio to {baseline} |")
    print("|---|---|---|")
    for variant, count in counts.items():
        print(f"| {variant} | {count / 1e9:.3f} G | {count / base:.2f}x |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--structs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clean-build", action="store_true")
    parser.add_argument("--clean-build-only", action="store_true",
                        help="only the clean build and the package counts, not `cargo check`")
    parser.add_argument("--instructions", action="store_true",
                        help="also count rustc's instructions for each variant (needs valgrind)")
    parser.add_argument("--instructions-only", action="store_true",
                        help="only the instruction counts: no timing")
    parser.add_argument("--work", type=Path, default=ROOT / "target" / "compile-cost")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rounds = "" if args.instructions_only else f"{args.rounds} rounds, "
    print(f"{args.structs} structs, {rounds}{os.cpu_count()} cores, "
          f"{subprocess.run(['rustc', '--version'], capture_output=True, text=True).stdout.strip()}")
    if args.instructions or args.instructions_only:
        for incremental in (True, False):
            kind = "incremental" if incremental else "non-incremental"
            counts = instruction_counts(args.work, args.structs, incremental)
            report_counts(counts, "serde", kind)
    timing = not (args.clean_build_only or args.instructions_only)
    for incremental in ((True, False) if timing else ()):
        times, memory = check_costs(args.work, args.structs, args.rounds, incremental)
        kind = "incremental" if incremental else "non-incremental"
        report(f"touched `cargo check`, {kind}", times, "serde", memory)
    if args.clean_build or args.clean_build_only:
        times, packages = clean_build_costs(args.work, args.rounds)
        report("clean `cargo build` of a binary", times, "ndarray+serde")
        for name, count in packages.items():
            print(f"{name}: {count} packages")


if __name__ == "__main__":
    main()
