#!/usr/bin/env bash
# Builds the fixture repositories under repos/ with rpmbuild and createrepo_c (Debian packages rpm,
# createrepo-c, gcc). The output is committed, so tests need no apt; run this again only to change it.
# Two EL9-like repositories of one source package "demo" that differ the way rebuilds do:
#   alma9:  demo 3.0.7-27.el9.alma.1, libdemo.so.3 with symbol versions DEMO_3.0 and DEMO_3.1
#   rocky9: demo 3.0.7-27.el9_4,      libdemo.so.3 with symbol versions DEMO_3.0 and DEMO_3.2, plus libdemo-compat.so.2
# and an advisory each for CVE-2024-1111; alma9 also lists demo as the module stream demo:3.0, the
# default stream (dnf hides the packages of streams that are neither enabled nor default). alma9 metadata is xz-compressed, rocky9 gz (updateinfo bz2).
# createrepo_c 0.17 writes no zstd, so primary.xml.zst is made with the zstd tool for the decompression tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

spec() { # distro release versions compat
  local distro=$1 release=$2 versions=$3 compat=$4
  cat > "$work/demo-$distro.spec" <<SPEC
%global debug_package %{nil}
%global _build_id_links none
Name:           demo
Version:        3.0.7
Release:        $release
Summary:        Demo library and tool for the bot's tests
License:        MIT
URL:            https://example.org/demo

%description
A small library with versioned symbols, built differently per distribution.

%package libs
Summary:        Demo shared library

%description libs
libdemo.so.3 with symbol versions: $versions.

%build
cat > demo.c <<'C'
int demo_a(void){return 1;}
int demo_b(void){return 2;}
int demo_c(void){return 3;}
int main(void){return 0;}
C
cat > demo.map <<'MAP'
$(first=1; prev=""; for v in $versions; do
    case $v in DEMO_3.0) sym=demo_a;; DEMO_3.1) sym=demo_b;; DEMO_3.2) sym=demo_c;; esac
    if [ -n "$prev" ]; then echo "$v { global: $sym; } $prev;"; else echo "$v { global: $sym; local: *; };"; fi
    prev=$v
  done)
MAP
gcc -shared -fPIC -Wl,-soname,libdemo.so.3 -Wl,--version-script=demo.map -o libdemo.so.3.0.7 demo.c
gcc -o demo demo.c
$( [ "$compat" = yes ] && echo 'gcc -shared -fPIC -Wl,-soname,libdemo-compat.so.2 -o libdemo-compat.so.2.0.0 demo.c' )

%install
mkdir -p %{buildroot}/usr/lib64 %{buildroot}/usr/bin
install -m755 libdemo.so.3.0.7 %{buildroot}/usr/lib64/
ln -s libdemo.so.3.0.7 %{buildroot}/usr/lib64/libdemo.so.3
install -m755 demo %{buildroot}/usr/bin/demo
$( [ "$compat" = yes ] && echo 'install -m755 libdemo-compat.so.2.0.0 %{buildroot}/usr/lib64/ && ln -s libdemo-compat.so.2.0.0 %{buildroot}/usr/lib64/libdemo-compat.so.2' )

%files
/usr/bin/demo

%files libs
/usr/lib64/libdemo.so.3.0.7
/usr/lib64/libdemo.so.3
$( [ "$compat" = yes ] && printf '/usr/lib64/libdemo-compat.so.2.0.0\n/usr/lib64/libdemo-compat.so.2\n' )
SPEC
}

tool() { # distro version
  cat > "$work/tool-$1.spec" <<SPEC
Name:           tool
Version:        $2
Release:        1.el9
Summary:        A script-only tool
License:        MIT
BuildArch:      noarch

%description
A noarch package.

%install
mkdir -p %{buildroot}/usr/bin
printf '#!/bin/sh\necho tool\n' > %{buildroot}/usr/bin/tool
chmod 755 %{buildroot}/usr/bin/tool

%files
/usr/bin/tool
SPEC
}

advisory() { # id release type
  cat > "$work/updateinfo-$4.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update from="security@example.org" status="final" type="security" version="1">
    <id>$1</id>
    <title>Important: demo security update</title>
    <issued date="2024-03-05 00:00:00"/>
    <updated date="2024-03-06 00:00:00"/>
    <severity>Important</severity>
    <summary>An update for demo is now available.</summary>
    <description>Fixes CVE-2024-1111.</description>
    <references>
      <reference href="https://example.org/$1" id="$1" title="$1" type="$3"/>
      <reference href="https://example.org/CVE-2024-1111" id="CVE-2024-1111" title="CVE-2024-1111" type="cve"/>
    </references>
    <pkglist>
      <collection short="$4">
        <name>$4</name>
        <package name="demo" version="3.0.7" release="$2" epoch="0" arch="x86_64"><filename>demo-3.0.7-$2.x86_64.rpm</filename></package>
        <package name="demo-libs" version="3.0.7" release="$2" epoch="0" arch="x86_64"><filename>demo-libs-3.0.7-$2.x86_64.rpm</filename></package>
      </collection>
    </pkglist>
  </update>
</updates>
XML
}

modules() { # distro release: a modulemd document listing the demo packages as stream demo:3.0
  cat > "$work/modules-$1.yaml" <<YAML
---
document: modulemd
version: 2
data:
  name: demo
  stream: "3.0"
  version: 9040020240305000000
  context: 9b6a8d0f
  arch: x86_64
  summary: Demo library stream
  description: The demo library as a module stream.
  license:
    module: [MIT]
  artifacts:
    rpms:
    - demo-0:3.0.7-$2.x86_64
    - demo-libs-0:3.0.7-$2.x86_64
...
---
document: modulemd-defaults
version: 1
data:
  module: demo
  stream: "3.0"
...
YAML
}

build() { # distro release versions compat toolversion advisory-id advisory-type compress
  local distro=$1
  spec "$distro" "$2" "$3" "$4"
  tool "$distro" "$5"
  advisory "$6" "$2" "$7" "$distro"
  local top="$work/top-$distro" out="$here/repos/$distro"
  rm -rf "$out" && mkdir -p "$out"
  for s in "$work/demo-$distro.spec" "$work/tool-$distro.spec"; do
    rpmbuild --quiet --define "_topdir $top" -bb "$s" >/dev/null
  done
  find "$top/RPMS" -name '*.rpm' -exec cp {} "$out/" \;
  createrepo_c --quiet --no-database --general-compress-type "$8" "$out" >/dev/null
  modifyrepo_c --mdtype=updateinfo --compress-type "$9" "$work/updateinfo-$distro.xml" "$out/repodata" >/dev/null
  if [ "$distro" = alma9 ]; then
    modules "$distro" "$2"
    modifyrepo_c --mdtype=modules --compress-type gz "$work/modules-$distro.yaml" "$out/repodata" >/dev/null
  fi
}

build alma9 27.el9.alma.1 "DEMO_3.0 DEMO_3.1" no 1.0 ALSA-2024:1001 self xz xz
build rocky9 27.el9_4 "DEMO_3.0 DEMO_3.2" yes 1.1 RLSA-2024:2002 self gz bz2
echo "built: $(ls "$here"/repos/*/*.rpm | wc -l) packages"
primary=$(ls "$here"/repos/rocky9/repodata/*-primary.xml.gz)
gzip -dc "$primary" | zstd -q -19 -o "$here/primary.xml.zst" -f
