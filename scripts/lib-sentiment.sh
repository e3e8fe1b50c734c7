# Shared by scripts/eval-sentiment, scripts/eval-escalation and scripts/train-sentiment: builds
# modules/sentiment (and contract) with a reactor `package` when sources changed since the last
# build; never installs anything into ~/.m2. Needs only JDK 17 and Maven.
MODULE="$ROOT/modules/sentiment"
CP_FILE="$MODULE/target/eval-classpath.txt"

build_sentiment() {
  local stale=1
  if [[ -f "$CP_FILE" && -d "$MODULE/target/classes" ]]; then
    # any source, resource or pom newer than the last build?
    [[ -n "$(find "$ROOT/pom.xml" "$MODULE/pom.xml" "$MODULE/src/main" "$ROOT/modules/contract/src/main" \
        "$ROOT/modules/contract/pom.xml" -newer "$CP_FILE" -print -quit)" ]] || stale=0
  fi
  if [[ $stale == 1 ]]; then
    echo "$(basename "$0"): building modules/sentiment…" >&2
    (cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -pl modules/sentiment -am -Dmaven.test.skip=true package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile=target/eval-classpath.txt -Dmdep.includeScope=runtime) >&2
    touch "$CP_FILE"
  fi
}

sentiment_classpath() {
  echo "$MODULE/target/classes:$(cat "$CP_FILE")"
}

absolute() {
  echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}
