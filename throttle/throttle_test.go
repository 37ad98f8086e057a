package throttle

import (
	"fmt"
	"testing"
	"time"
)

func TestAKeyMayFailABurstThenWaitsForItsAllowance(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l := New(3, time.Minute)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if w := l.Wait("ip:1"); w != 0 {
			t.Fatalf("failure %d: must wait %v already", i+1, w)
		}
		l.Fail("ip:1")
	}
	if w := l.Wait("ip:1"); w != time.Minute {
		t.Fatalf("after the burst: wait %v, want a minute", w)
	}
	if w := l.Wait("ip:2"); w != 0 {
		t.Error("another key waits too")
	}
	now = now.Add(40 * time.Second)
	if w := l.Wait("ip:1"); w != 20*time.Second {
		t.Errorf("40 s later: wait %v, want 20 s", w)
	}
	now = now.Add(20 * time.Second)
	if w := l.Wait("ip:1"); w != 0 {
		t.Errorf("a minute later: wait %v, want none", w)
	}
	l.Fail("ip:1")
	l.Reset("ip:1")
	if w := l.Wait("ip:1"); w != 0 {
		t.Errorf("after a reset: wait %v", w)
	}
}

func TestRestedKeysAreForgottenUnderAFlood(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l := New(2, time.Second)
	l.now = func() time.Time { return now }
	for i := range maxKeys {
		l.Fail(fmt.Sprint(i))
	}
	now = now.Add(time.Hour)
	l.Fail("one more")
	if len(l.buckets) != 1 {
		t.Errorf("%d keys kept, want only the new one", len(l.buckets))
	}
}
