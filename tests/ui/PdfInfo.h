#pragma once
// pdfinfo (poppler-utils, installed by scripts/setup.sh) on a PDF: its exit code and report, so a
// test checks that the file opens in a real PDF reader and has the page size asked for.
#include <QProcess>
#include <QStandardPaths>
#include <QString>

#include <optional>

struct PdfInfo {
    int exitCode = -1;
    QString report; // "Pages:           1", "Page size:      600 x 337.5 pts", …
};

// nullopt when pdfinfo is not installed (the caller QSKIPs then).
inline std::optional<PdfInfo> pdfInfo(const QString& path)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (exe.isEmpty()) return std::nullopt;
    QProcess p;
    p.start(exe, {path});
    PdfInfo info;
    if (!p.waitForFinished(20000)) return info;
    info.exitCode = p.exitCode();
    info.report = QString::fromUtf8(p.readAllStandardOutput());
    return info;
}
