#!/bin/sh
# One HTTP exchange on stdin/stdout (nc -ll -e runs this per connection), like the seeds' sample service:
# POST /MyService with {"data":"string","color":"Red"} answers 200 with the JSON echoed back; GET /health 200.
read -r method path _
method=$(printf '%s' "$method" | tr -d '\r')
path=$(printf '%s' "$path" | tr -d '\r')
length=0
while read -r line; do
  line=$(printf '%s' "$line" | tr -d '\r')
  [ -z "$line" ] && break
  case "$line" in
    [Cc]ontent-[Ll]ength:*) length=$(printf '%s' "${line#*:}" | tr -d ' ') ;;
  esac
done
body=""
[ "$length" -gt 0 ] 2>/dev/null && body=$(head -c "$length")
echo "$method $path ($length bytes)" >&2

respond() {
  printf 'HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$1" "${#2}" "$2"
}
case "$method $path" in
  "POST /MyService")
    case "$body" in
      \{*\}) respond "200 OK" "{\"service\":\"MyService\",\"user\":\"$(id -un)\",\"echo\":$body}" ;;
      *) respond "400 Bad Request" '{"error":"expected a JSON object"}' ;;
    esac ;;
  "GET /health") respond "200 OK" '{"status":"up"}' ;;
  *) respond "404 Not Found" "{\"error\":\"no route for $method $path\"}" ;;
esac
