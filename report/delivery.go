package report

import "time"

// DeliveryKey identifies one delivery. The ledger keeps at most one delivery
// per key, which is what makes a report go out exactly once however often a
// job fires, a run restarts or a second daemon runs.
type DeliveryKey struct {
	Job       string // job name from config.yaml, or "alerts"
	Zone      string // canonical zone name; "" for the all-zones overview or an alert
	Period    string // Period.String(): 2023-06, 2023-W24, 2023-06-01..2023-06-19
	Recipient string // one address, lower-cased
}

// DeliveryStatus is where a delivery stands.
type DeliveryStatus string

// The delivery statuses. A delivery goes pending → sending → sent, or back
// to pending with a later NextAttempt after a temporary failure, or to
// failed after a permanent one (or too many attempts).
const (
	DeliveryPending DeliveryStatus = "pending"
	DeliverySending DeliveryStatus = "sending"
	DeliverySent    DeliveryStatus = "sent"
	DeliveryFailed  DeliveryStatus = "failed"
)

// Delivery is one message to one recipient, as the ledger records it.
type Delivery struct {
	ID    int64
	RunID int64
	DeliveryKey
	Status      DeliveryStatus
	Attempts    int
	NextAttempt time.Time // when a pending delivery is due
	LastError   string
	Size        int    // bytes of the message
	MessageID   string // the Message-ID header, stable across retries
	Created     time.Time
	Updated     time.Time
}

// RunStatus is where a run stands.
type RunStatus string

// The run statuses.
const (
	RunRunning RunStatus = "running"
	RunDone    RunStatus = "done"
	RunFailed  RunStatus = "failed"
)

// Run is one job firing for one period: select → render → enqueue.
type Run struct {
	ID        int64
	Job       string
	Period    string
	Scheduled time.Time // the schedule time it stands for (catch-up runs keep theirs)
	Started   time.Time
	Finished  time.Time
	Status    RunStatus
	Error     string
	Owner     string // the process that ran it (host:pid)
}
