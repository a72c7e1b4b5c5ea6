#!/usr/bin/env bash
# Packs dist/headcount (built by installer/build.sh, rebuilt here when stale) as a .deb:
#   /opt/headcount/...            the bundle
#   /usr/bin/headcount            symlink to /opt/headcount/headcount
#   /usr/share/applications/headcount.desktop, icons in /usr/share/icons/hicolor
# Output: dist/headcount_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/build.sh --if-stale

VERSION=$(.venv/bin/python -c "import headcount; print(headcount.__version__)")
ARCH=$(dpkg --print-architecture)
PKG=build/deb/headcount_${VERSION}_${ARCH}
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/48x48/apps" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/headcount"
cp -a dist/headcount "$PKG/opt/headcount"
rm -f "$PKG/opt/headcount/BUILD-STAMP"
ln -s /opt/headcount/headcount "$PKG/usr/bin/headcount"
install -m 644 installer/linux/headcount.desktop "$PKG/usr/share/applications/"
install -m 644 resources/icons/headcount-256.png "$PKG/usr/share/icons/hicolor/256x256/apps/headcount.png"
install -m 644 resources/icons/headcount-48.png "$PKG/usr/share/icons/hicolor/48x48/apps/headcount.png"
install -m 644 resources/icons/headcount.svg "$PKG/usr/share/icons/hicolor/scalable/apps/headcount.svg"
install -m 644 resources/models/MODELS.md "$PKG/usr/share/doc/headcount/MODELS.md"
[ -f docs/INSTALL.md ] && install -m 644 docs/INSTALL.md "$PKG/usr/share/doc/headcount/INSTALL.md"

SIZE_KB=$(du -sk "$PKG" | cut -f1)
# Only what the bundle does not carry: glibc (the bundle was built against 2.36), the
# OpenGL/EGL loaders the graphics drivers provide, libxcb, and a Chinese font.
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: headcount
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: Headcount <support@headcount.invalid>
Installed-Size: ${SIZE_KB}
Section: education
Priority: optional
Depends: libc6 (>= 2.36), libgl1, libegl1, libgles2, libxcb1, libfontconfig1, fonts-wqy-microhei | fonts-noto-cjk | fonts-wqy-zenhei
Recommends: xdg-utils, fonts-hanazono
Homepage: https://headcount.invalid
Description: Offline exam-hall entry checks and classroom attendance
 Headcount checks candidates into exam rooms and pupils into class with
 optional, consent-based face recognition that runs entirely on this PC,
 and a manual ID check for everyone else. No internet connection is used.
 .
 离线的考场入场核验与课堂考勤：人脸识别可选、基于同意、只在本机运行；
 其他人通过人工核验签到。
CONTROL
cat > "$PKG/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
SCRIPT
cp "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"
chmod 755 "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"

OUT=dist/headcount_${VERSION}_${ARCH}.deb
start=$(date +%s)
# xz: the smallest download (about 5 min on 2 cores); HEADCOUNT_DEB_COMPRESSION=gzip is
# quicker for trial builds.
dpkg-deb --root-owner-group "-Z${HEADCOUNT_DEB_COMPRESSION:-xz}" --build "$PKG" "$OUT" >/dev/null
rm -rf "$PKG"  # the staging copy (as big as the bundle)
echo "Built $OUT in $(( $(date +%s) - start )) s: $(du -h "$OUT" | cut -f1)" \
  "(installed size $(( SIZE_KB / 1024 )) MB)"
