#!/usr/bin/env bash
# Builds nhacviec_<version>_amd64.deb from a release binary that has the Swift runtime linked in.
#
#   packaging/deb/build.sh BINARY OUTDIR [VERSION]
#
# BINARY is `swift build -c release --static-swift-stdlib`'s nhacviec; VERSION defaults to the top entry of
# packaging/deb/changelog (the system test passes a higher one to rehearse an upgrade). Prints the .deb's path.
set -euo pipefail

binary=$1
outdir=$2
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
version=${3:-$(sed -n '1s/^nhacviec (\([^)]*\)).*/\1/p' "$here/changelog")}

fail() {
    echo "build-deb: $*" >&2
    exit 1
}

# 1. The binary must need nothing from the toolchain: only libraries that Debian packages provide.
toolchain_libs=$(ldd "$binary" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|/opt/swift|not found' || true)
[ -z "$toolchain_libs" ] || fail "$binary still links toolchain libraries (build with --static-swift-stdlib):
$toolchain_libs"

mkdir -p "$outdir"
root=$(mktemp -d "$outdir/root.XXXXXX")
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root" # mktemp's 0700 would be the package's ./
umask 022

# 2. Files where Debian puts them.
install -D -m 0755 "$binary" "$root/usr/bin/nhacviec"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/nhacviec"
nhacviec="$root/usr/bin/nhacviec"

install -D -m 0644 "$source_root/systemd/nhacviec.service" "$root/lib/systemd/system/nhacviec.service"
sed -i -e 's|^ExecStart=/usr/local/bin/nhacviec |ExecStart=/usr/bin/nhacviec |' \
    -e 's|^Documentation=.*|Documentation=man:nhacviec(1) file:///usr/share/doc/nhacviec/README.md|' \
    -e 's|^# Install:  make install .*|# Install:  apt install ./nhacviec_<version>_amd64.deb   (this unit, the binary and /etc/nhacviec)|' \
    "$root/lib/systemd/system/nhacviec.service"
grep -q '^ExecStart=/usr/bin/nhacviec serve ' "$root/lib/systemd/system/nhacviec.service" ||
    fail "ExecStart= was not rewritten to /usr/bin/nhacviec"
# The nightly backup (README, "Backups"): installed, not enabled; the admin enables the timer.
for unit in nhacviec-backup.service nhacviec-backup.timer; do
    install -D -m 0644 "$source_root/contrib/systemd/$unit" "$root/lib/systemd/system/$unit"
done

# The config: every file is a conffile, so the admin's edits survive upgrades. The state lives where the
# unit's StateDirectory= puts it; no secret file is named (the unit hands them over as credentials).
install -d -m 0755 "$root/etc/nhacviec"
cp -R "$source_root/Config/." "$root/etc/nhacviec/"
sed -i 's|^state_dir: .*|state_dir: /var/lib/nhacviec   # systemd StateDirectory=nhacviec|' \
    "$root/etc/nhacviec/nhacviec.yaml"
grep -q '^state_dir: /var/lib/nhacviec' "$root/etc/nhacviec/nhacviec.yaml" || fail "state_dir was not rewritten"
if grep -qE '^[^#]*(password_file|secret_file):' "$root/etc/nhacviec/nhacviec.yaml"; then
    fail "the installed config names a secret file; the unit passes secrets as credentials"
fi
find "$root/etc/nhacviec" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +

doc="$root/usr/share/doc/nhacviec"
install -D -m 0644 "$source_root/README.md" "$doc/README.md"
install -m 0644 "$here/copyright" "$doc/copyright"
gzip -9n -c "$here/changelog" >"$doc/changelog.Debian.gz"
chmod 0644 "$doc/changelog.Debian.gz"
mkdir -p "$doc/examples"
cp -R "$source_root/Config" "$doc/examples/"
find "$doc" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +

# A man page from the binary's own help: one section per subcommand.
roff_escape() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
# Subcommand names are indented by two spaces; their wrapped abstracts by more.
subcommands=$("$nhacviec" --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | awk '/^  [a-z][a-z-]* / { print $1 }')
[ -n "$subcommands" ] || fail "no subcommands in nhacviec --help"
man="$root/usr/share/man/man1/nhacviec.1"
mkdir -p "$(dirname "$man")"
{
    echo ".TH NHACVIEC 1 \"$(date -u -d "@${SOURCE_DATE_EPOCH:-$(stat -c %Y "$here/changelog")}" +%Y-%m-%d)\" \"nhacviec $version\" \"User Commands\""
    echo ".SH NAME"
    echo "nhacviec \\- deadline reminders for the plans of Vietnamese government agencies"
    echo ".SH SYNOPSIS"
    echo ".B nhacviec"
    echo ".I subcommand"
    echo "[\\fIoptions\\fR]"
    echo ".SH DESCRIPTION"
    echo ".nf"
    "$nhacviec" --help | roff_escape
    echo ".fi"
    for command in $subcommands; do
        echo ".SH \"NHACVIEC $(echo "$command" | tr '[:lower:]' '[:upper:]')\""
        echo ".nf"
        "$nhacviec" help "$command" | roff_escape
        echo ".fi"
    done
    echo ".SH FILES"
    echo ".TP"
    echo ".I /etc/nhacviec/nhacviec.yaml"
    echo "the configuration the service reads; check it with \\fBnhacviec check \\-\\-config /etc/nhacviec/nhacviec.yaml\\fR"
    echo ".TP"
    echo ".I /var/lib/nhacviec/state.sqlite"
    echo "the delivery ledger"
    echo ".SH SEE ALSO"
    echo ".BR systemctl (1),"
    echo ".BR journalctl (1)"
} >"$man"
gzip -9n "$man"
chmod 0644 "$man.gz"

# Shell completions, generated by swift-argument-parser.
install -d -m 0755 "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
# bash-completion sources the file: no #! line.
"$nhacviec" --generate-completion-script bash | sed '1{/^#!/d}' >"$root/usr/share/bash-completion/completions/nhacviec"
"$nhacviec" --generate-completion-script zsh >"$root/usr/share/zsh/vendor-completions/_nhacviec"
"$nhacviec" --generate-completion-script fish >"$root/usr/share/fish/vendor_completions.d/nhacviec.fish"
chmod 0644 "$root/usr/share/bash-completion/completions/nhacviec" "$root/usr/share/zsh/vendor-completions/_nhacviec" \
    "$root/usr/share/fish/vendor_completions.d/nhacviec.fish"

if [ -s "$here/lintian-overrides" ]; then
    install -D -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/nhacviec"
fi

# 3. Control files. Depends: what dpkg-shlibdeps finds for the binary, plus the data the daemon reads.
mkdir -p "$root/DEBIAN"
shlibs=$(cd "$root" && mkdir -p debian && printf 'Source: nhacviec\n\nPackage: nhacviec\nArchitecture: amd64\n' >debian/control &&
    dpkg-shlibdeps -O -e usr/bin/nhacviec 2>/dev/null | sed -n 's/^shlibs:Depends=//p'; rm -rf debian)
[ -n "$shlibs" ] || fail "dpkg-shlibdeps found no dependencies"
depends="$shlibs, ca-certificates, tzdata"
sed -e "s|@VERSION@|$version|" -e "s|@DEPENDS@|$depends|" \
    -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$root" | cut -f1)|" "$here/control.in" >"$root/DEBIAN/control"
(cd "$root" && find etc -type f | sed 's|^|/|' | sort) >"$root/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f ! -path './etc/*' -print | sed 's|^\./||' | sort |
    xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

deb="$outdir/nhacviec_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
