"""TLS for a live session: a self-signed certificate made per session, and contexts that
serve it or accept exactly it (the participant pins its SHA-256 fingerprint from the code).

>>> cred = Credentials.make()
>>> len(cred.digest)
32
>>> Credentials.from_pem(cred.cert_pem, cred.key_pem).digest == cred.digest
True
"""

from __future__ import annotations

import datetime
import hashlib
import os
import ssl
import tempfile
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 30


@dataclass(frozen=True)
class Credentials:
    cert_pem: str
    key_pem: str

    @classmethod
    def make(cls) -> "Credentials":
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Reasonmap live session")])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(hours=1))
                .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .sign(key, hashes.SHA256()))
        key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()).decode()
        return cls(cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem)

    @classmethod
    def from_pem(cls, cert_pem: str, key_pem: str) -> "Credentials":
        return cls(cert_pem, key_pem)

    @property
    def der(self) -> bytes:
        return ssl.PEM_cert_to_DER_cert(self.cert_pem)

    @property
    def digest(self) -> bytes:
        return hashlib.sha256(self.der).digest()

    def server_context(self) -> ssl.SSLContext:
        """A server context holding this certificate (the key passes through a private
        temporary file for a moment: ssl loads keys from files only)."""
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        fd, path = tempfile.mkstemp(prefix="reasonmap-", suffix=".pem")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(self.key_pem + self.cert_pem)
            ctx.load_cert_chain(path)
        finally:
            os.unlink(path)
        return ctx


def probe_context() -> ssl.SSLContext:
    """A client context that accepts any certificate: only to read the host's, whose
    fingerprint is then compared with the code's before anything is sent."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def pinned_context(der: bytes) -> ssl.SSLContext:
    """A client context that trusts exactly the certificate *der* and nothing else."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False           # the pin, not a name, identifies the host
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=der)
    return ctx
