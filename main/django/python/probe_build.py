"""A PEP 517 build backend for the probe, standard library only.

`pip install main/django/python` then works without the network and without setuptools or
wheel in the target Python, and leaves no build/ or *.egg-info folder in the checkout. It
builds one pure-Python wheel of the `interleave_probe` package (and, for `pip install -e`, an
editable wheel whose .pth file points at this folder).
"""
import base64
import hashlib
import os
import zipfile

NAME = "interleave_probe"
DIST = "interleave-probe"
VERSION = "0.1.0"
REQUIRES = ["Django>=3.2", "asgiref>=3.3"]
SUMMARY = "Interleave's probe: which process and thread ran each step of a Django request, in Server-Timing"
HERE = os.path.dirname(os.path.abspath(__file__))
TAG = "py3-none-any"


def _metadata():
    lines = ["Metadata-Version: 2.1", f"Name: {DIST}", f"Version: {VERSION}", f"Summary: {SUMMARY}"]
    lines += ["Requires-Python: >=3.8"] + [f"Requires-Dist: {r}" for r in REQUIRES]
    return "\n".join(lines) + "\n"


def _wheel_file():
    return f"Wheel-Version: 1.0\nGenerator: probe_build\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _write_wheel(wheel_directory, files):
    """files: [(path in the wheel, bytes)]; adds the dist-info and returns the wheel's file name."""
    dist_info = f"{NAME}-{VERSION}.dist-info"
    files = files + [(f"{dist_info}/METADATA", _metadata().encode()), (f"{dist_info}/WHEEL", _wheel_file().encode())]
    record = [_record_line(path, data) for path, data in files] + [f"{dist_info}/RECORD,,"]
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    name = f"{NAME}-{VERSION}-{TAG}.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as whl:
        for path, data in files:
            whl.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return name


def _package_files():
    folder = os.path.join(HERE, NAME)
    out = []
    for file in sorted(os.listdir(folder)):
        if file.endswith(".py"):
            with open(os.path.join(folder, file), "rb") as f:
                out.append((f"{NAME}/{file}", f.read()))
    return out


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [(f"{NAME}.pth", (HERE + "\n").encode())])
