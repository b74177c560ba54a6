#!/usr/bin/env bash
# Packages the HistoPrune workbench with jpackage: a self-contained app-image (default) or a .deb.
#
#   installer/build.sh [--type app-image|deb] [--skip-build] [--dry-run]
#
# Builds the histoprune-app module (and the core it needs) into target/histoprune-app.jar and target/lib/
# (mvn package, offline, tests skipped) unless --skip-build, then runs jpackage on them with a trimmed Java
# runtime. JavaFX comes as the platform jars in target/lib and runs from the class path, started by
# org.histoprune.app.AppLauncher. Output: target/installer/.
# --dry-run checks the inputs it can and prints the jpackage command instead of running anything.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
type="app-image"
build=1
dry_run=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --type) type="${2:?--type needs app-image or deb}"; shift 2 ;;
        --type=*) type="${1#--type=}"; shift ;;
        --skip-build) build=0; shift ;;
        --dry-run) dry_run=1; build=0; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$type" in
    app-image|deb) ;;
    *) echo "build.sh: --type must be app-image or deb, got $type" >&2; exit 2 ;;
esac

# The project's own name, version and description: the pom's top-level elements (two-space indent).
pom_value() {
    sed -n "s:^  <$1>\(.*\)</$1>\$:\1:p" "$root/pom.xml" | head -n 1
}
app_name="$(pom_value name)"
pom_version="$(pom_value version)"
description="$(pom_value description | sed 's/&amp;/\&/g')"
# jpackage takes only dotted numbers: 0.1.0-SNAPSHOT becomes 0.1.0.
app_version="${pom_version%%-*}"
main_class="org.histoprune.app.AppLauncher"
main_jar="histoprune-app.jar"
icon="$root/icons/histoprune.png"
# What the app and its libraries use of the JDK (jdeps over each jar of target/lib), plus JavaFX's
# jdk.unsupported, logback's optional java.naming and the crypto and zip providers.
modules="java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.prefs,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs"

if [[ -z "$app_name" || -z "$app_version" ]]; then
    echo "build.sh: cannot read the name and version from $root/pom.xml" >&2
    exit 1
fi
if [[ ! -f "$icon" ]]; then
    echo "build.sh: icon $icon is missing (run icons/generate.sh)" >&2
    exit 1
fi

if [[ $build -eq 1 ]]; then
    (cd "$root" && ./mvnw -q -B -o package -DskipTests -pl histoprune-app -am)
fi

out="$root/target/installer"
input="$out/input"
command=(jpackage --type "$type" --dest "$out" --input "$input"
    --name "$app_name" --app-version "$app_version" --description "$description" --vendor "$app_name"
    --main-jar "$main_jar" --main-class "$main_class" --icon "$icon"
    --add-modules "$modules"
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands"
    --java-options "-Dai.djl.offline=true")
if [[ "$type" == "deb" ]]; then
    command+=(--linux-package-name histoprune --linux-shortcut --linux-menu-group Science
        --linux-package-deps "libgtk-3-0, fontconfig, fonts-dejavu-core")
fi

if [[ $dry_run -eq 1 ]]; then
    printf '%q ' "${command[@]}"
    printf '\n'
    exit 0
fi

command -v jpackage >/dev/null || { echo "build.sh: jpackage not found (it comes with a full JDK 17)" >&2; exit 1; }
for needed in "$root/target/$main_jar" "$root/target/lib"; do
    [[ -e "$needed" ]] || { echo "build.sh: $needed is missing (run without --skip-build)" >&2; exit 1; }
done
# The jar's manifest finds its libraries in lib/ beside it; jpackage copies the input folder as is.
rm -rf "$input" "$out/$app_name"
mkdir -p "$input"
cp "$root/target/$main_jar" "$input/"
cp -r "$root/target/lib" "$input/lib"
"${command[@]}"
echo "built $type in $out"
