"""French reasons for operating-system errors, chosen by errno (the system's own text is English)."""
from __future__ import annotations

import errno

#: errno -> French reason.
OS_REASONS: dict[int, str] = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus d'espace libre sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENOTEMPTY: "dossier non vide",
    errno.ELOOP: "lien symbolique en boucle",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENXIO: "périphérique absent",
    errno.ESTALE: "partage réseau périmé",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EBUSY: "ressource occupée",
    errno.EAGAIN: "ressource temporairement indisponible",
    errno.EFBIG: "fichier trop gros",
    errno.EXDEV: "déplacement impossible entre deux systèmes de fichiers",
    errno.EADDRINUSE: "adresse ou port déjà utilisé",
    errno.EADDRNOTAVAIL: "adresse indisponible sur cette machine",
    errno.ECONNREFUSED: "connexion refusée",
    errno.ETIMEDOUT: "délai de connexion dépassé",
    errno.EHOSTUNREACH: "machine injoignable",
    errno.ENETUNREACH: "réseau injoignable",
    errno.EPIPE: "tube fermé",
}


def os_reason(exc: OSError) -> str:
    """The French reason of an OS error (its errno), or a French line naming the errno when it has no entry."""
    if exc.errno in OS_REASONS:
        return OS_REASONS[exc.errno]
    if exc.errno:
        return f"erreur du système ({errno.errorcode.get(exc.errno, exc.errno)})"
    return "erreur du système"


def os_error_line(exc: OSError) -> str:
    """``<file> : <French reason>`` for an OS error (the reason alone when it names no file)."""
    where = exc.filename if exc.filename is not None else ""
    if exc.filename2 is not None:
        where = f"{where} → {exc.filename2}"
    return f"{where} : {os_reason(exc)}" if where != "" else os_reason(exc)
