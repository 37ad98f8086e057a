// Package deploy holds the files that run Framelens as two instances
// behind a reverse proxy (docs/deploy.md): nginx's configuration, systemd
// units, a Dockerfile and a compose file. It has no code; its test starts
// nginx with the configuration in front of two instances of the app.
package deploy
