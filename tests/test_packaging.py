"""The rule packs ship inside the wheel: a non-editable install finds them with no checkout around."""

import subprocess
import sys
import venv
import zipfile

from conftest import ROOT


def test_wheel_contains_rules_and_runs_from_a_non_editable_install(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("cleaner-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cleaner/rules/dashes.toml" in names
    assert any(n.startswith("cleaner/rules/gazetteer/") for n in names)
    assert "cleaner/rules/languagetool/policy.toml" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run([str(python), "-c", "import cleaner.base.resources as r; print(r.rules_dir())"],
                           cwd=outside, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout and where.stdout.strip().endswith("cleaner/rules")
    listing = subprocess.run([str(env_dir / "bin" / "cleaner"), "rules", "list"], cwd=outside,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "DASH001" in listing.stdout
