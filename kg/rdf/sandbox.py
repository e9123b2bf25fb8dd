"""A process-wide barrier against outbound network connections, for query and update workers.

Oxigraph opens HTTP connections for ``SERVICE`` and ``LOAD``. The server refuses both in the
query text, but a text check is not a guarantee, so every process that evaluates SPARQL
(the server's query and update workers, ``kg sparql``) first calls :func:`enter` before it
opens the store. Two independent layers, both Linux-only, both irreversible for the process:

``namespace``
    ``unshare(CLONE_NEWNET)`` (with ``CLONE_NEWUSER`` first when the process lacks
    ``CAP_SYS_ADMIN``): the process moves into a network namespace of its own whose only
    interface, loopback, is down. Every ``connect()`` fails with "Network is unreachable",
    also to 127.0.0.1 and also for sockets the process opens later.
``seccomp``
    a seccomp-BPF filter (``prctl(PR_SET_SECCOMP)`` after ``PR_SET_NO_NEW_PRIVS``) that makes
    ``socket()`` fail with ``EACCES`` for ``AF_INET`` and ``AF_INET6`` and refuses
    ``io_uring_setup`` (io_uring can create sockets without the ``socket`` system call).
    x86-64 and aarch64 only.

:func:`enter` sets up every layer it can and returns their names; the server's workers report
them when they start, so the server can refuse to start (or say so loudly) before any query
runs. Elsewhere (macOS, Windows) neither exists. Both act on the calling thread and the
threads and processes it starts later, so :func:`enter` must run while the process has one
thread (true right after a fork, before the store is opened).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import platform
import struct
import sys
from collections.abc import Sequence

#: names of the layers, in the order :func:`enter` tries them
LAYERS = ("namespace", "seccomp")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_AF_INET = 2
_AF_INET6 = 10

# (audit arch, socket syscall number, io_uring_setup number, refuse x32 numbers)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, True),
    "amd64": (0xC000003E, 41, 425, True),
    "aarch64": (0xC00000B7, 198, 425, False),
    "arm64": (0xC00000B7, 198, 425, False),
}

# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06

_applied: tuple[str, ...] = ()


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def _unshare_network(libc: ctypes.CDLL) -> bool:
    """Move this process into a new network namespace; False when the kernel refuses."""
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    # Without CAP_SYS_ADMIN: a user namespace first gives it (inside that namespace only).
    # The kernel refuses this in a process with more than one thread.
    return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def _filter_program(arch: str) -> bytes | None:
    """The seccomp-BPF program for ``arch`` as bytes of ``struct sock_filter``; None if the
    CPU is not one we know the system call numbers of."""
    known = _ARCHES.get(arch)
    if known is None:
        return None
    audit_arch, socket_nr, uring_nr, x32 = known
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    program: list[tuple[int, int, int, int]] = []

    def add(code: int, jt: int, jf: int, k: int) -> None:
        program.append((code, jt, jf, k))

    # seccomp_data: int nr @0; u32 arch @4; u64 ip @8; u64 args[6] @16
    add(_LD_W_ABS, 0, 0, 4)
    add(_JEQ_K, 1, 0, audit_arch)  # our arch: go on; another ABI: refuse everything below
    add(_RET_K, 0, 0, deny)
    add(_LD_W_ABS, 0, 0, 0)
    if x32:
        add(_JGE_K, 0, 1, 0x40000000)  # x32 system calls: refused
        add(_RET_K, 0, 0, deny)
    add(_JEQ_K, 0, 1, uring_nr)
    add(_RET_K, 0, 0, deny)
    add(_JEQ_K, 1, 0, socket_nr)
    add(_RET_K, 0, 0, _SECCOMP_RET_ALLOW)
    add(_LD_W_ABS, 0, 0, 16)  # the low 32 bits of args[0] (little-endian): the family
    add(_JEQ_K, 2, 0, _AF_INET)
    add(_JEQ_K, 1, 0, _AF_INET6)
    add(_RET_K, 0, 0, _SECCOMP_RET_ALLOW)
    add(_RET_K, 0, 0, deny)
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def _install_seccomp(libc: ctypes.CDLL) -> bool:
    program = _filter_program(platform.machine().lower())
    if program is None:
        return False
    buffer = ctypes.create_string_buffer(program, len(program))

    class _SockFprog(ctypes.Structure):
        _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))

    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def enter(layers: Sequence[str] = LAYERS) -> tuple[str, ...]:
    """Cut this process off from the network with every layer of ``layers`` that the
    machine allows; the names of those now in force (empty: none could be set up).

    Call it early in a fresh process (before threads start: the user-namespace route needs a
    single thread). Calling it again is harmless.
    """
    global _applied
    libc = _libc()
    if libc is None:
        return _applied
    done = list(_applied)
    if "namespace" in layers and "namespace" not in done and _unshare_network(libc):
        done.append("namespace")
    if "seccomp" in layers and "seccomp" not in done and _install_seccomp(libc):
        done.append("seccomp")
    _applied = tuple(done)
    return _applied


def describe(layers: Sequence[str]) -> str:
    """One line for the server's start-up message."""
    if not layers:
        return "NO network sandbox (SERVICE/LOAD are refused by a text check only)"
    return "no network for queries and updates (" + " + ".join(layers) + ")"


def refusal_message() -> str:
    return (
        "cannot cut the query workers off from the network on this machine "
        f"({platform.system()} {platform.machine()}): neither a network namespace nor a "
        "seccomp filter could be set up; see docs/security.md. Start with --no-sandbox to "
        "serve anyway with the SERVICE/LOAD text check as the only protection"
    )
