package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestTrustedProxiesComeFromAFlagOrTheEnvironment(t *testing.T) {
	cfg, err := parseConfig(nil, envFrom(nil))
	if err != nil || cfg.trustProxies != nil {
		t.Fatalf("by default: %v %v, want no proxy trusted", cfg.trustProxies, err)
	}
	cfg, err = parseConfig(nil, envFrom(map[string]string{"FRAMELENS_TRUST_PROXY": "10.0.0.0/8, 127.0.0.1,::1"}))
	if got := fmt.Sprint(cfg.trustProxies); err != nil || got != "[10.0.0.0/8 127.0.0.1/32 ::1/128]" {
		t.Errorf("from the environment: %s %v", got, err)
	}
	cfg, err = parseConfig([]string{"-trust-proxy", "192.0.2.1"}, envFrom(map[string]string{"FRAMELENS_TRUST_PROXY": "10.0.0.0/8"}))
	if got := fmt.Sprint(cfg.trustProxies); err != nil || got != "[192.0.2.1/32]" {
		t.Errorf("the flag wins: %s %v", got, err)
	}
	for _, bad := range []string{"10.0.0/8", "proxy.local"} {
		if _, err := parseConfig([]string{"-trust-proxy", bad}, envFrom(nil)); err == nil || !strings.Contains(err.Error(), "usage:") {
			t.Errorf("%q: %v, want an error with usage", bad, err)
		}
	}
}
