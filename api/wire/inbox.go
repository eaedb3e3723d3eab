package wire

import (
	"encoding/json"
	"time"

	"salesflow/store"
)

// The answers about the inbox, notifications and delegations.

// Task is an item in the inbox: a decision the policy puts before someone.
type Task struct {
	ID             string     `json:"id"`
	Kind           string     `json:"kind"`
	SubjectType    string     `json:"subject_type"`
	SubjectID      string     `json:"subject_id"`
	SubjectVersion *int       `json:"subject_version,omitempty"`
	SubjectTitle   string     `json:"subject_title"`
	WorkflowID     string     `json:"workflow_id"`
	AuthorID       string     `json:"author_id"`
	AuthorName     string     `json:"author_name"`
	AssigneeRole   *string    `json:"assignee_role,omitempty"`
	AssigneeUserID *string    `json:"assignee_user_id,omitempty"`
	Status         string     `json:"status"`
	Decision       *string    `json:"decision,omitempty"`
	Comment        *string    `json:"comment,omitempty"`
	DecidedBy      *string    `json:"decided_by,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	DueAt          *time.Time `json:"due_at,omitempty"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
	RemindedAt     *time.Time `json:"reminded_at,omitempty"`
	EscalatedAt    *time.Time `json:"escalated_at,omitempty"`
}

// TaskOf is s as the API answers it.
func TaskOf(s store.Task) Task { return Task(s) }

// Notification is an in-app message for one user.
type Notification struct {
	ID          string          `json:"id"`
	UserID      string          `json:"user_id"`
	Kind        string          `json:"kind"`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	TitleZH     string          `json:"title_zh"`
	TitleEN     string          `json:"title_en"`
	Body        string          `json:"body"`
	Detail      json.RawMessage `json:"detail"`
	CreatedAt   time.Time       `json:"created_at"`
	ReadAt      *time.Time      `json:"read_at"`
	EmailedAt   *time.Time      `json:"emailed_at,omitempty"`
}

// NotificationOf is s as the API answers it.
func NotificationOf(s store.Notification) Notification {
	return Notification{ID: s.ID, UserID: s.UserID, Kind: s.Kind, SubjectType: s.SubjectType, SubjectID: s.SubjectID,
		TitleZH: s.TitleZH, TitleEN: s.TitleEN, Body: s.Body, Detail: s.Detail, CreatedAt: s.CreatedAt, ReadAt: s.ReadAt,
		EmailedAt: s.EmailedAt}
}

// Delegation authorises someone to decide and sign in another's name, in
// one of their roles, for a while (R5.5).
type Delegation struct {
	ID           string     `json:"id"`
	FromUser     string     `json:"from_user_id"`
	FromUserName string     `json:"from_user_name"`
	ToUser       string     `json:"to_user_id"`
	ToUserName   string     `json:"to_user_name"`
	Role         string     `json:"role"`
	StartsAt     time.Time  `json:"starts_at"`
	EndsAt       time.Time  `json:"ends_at"`
	CreatedAt    time.Time  `json:"created_at"`
	RevokedAt    *time.Time `json:"revoked_at"`
}

// DelegationOf is s as the API answers it.
func DelegationOf(s store.Delegation) Delegation { return Delegation(s) }

// Delivery is one notification as the admins' delivery page shows it.
type Delivery struct {
	ID            string     `json:"id"`
	UserID        string     `json:"user_id"`
	UserName      string     `json:"user_name"`
	Email         string     `json:"email"`
	Kind          string     `json:"kind"`
	TitleZH       string     `json:"title_zh"`
	TitleEN       string     `json:"title_en"`
	EmailState    string     `json:"email_state"`
	WebhookState  string     `json:"webhook_state"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LastAttemptAt *time.Time `json:"last_attempt_at"`
	LastError     string     `json:"last_error"`
	CreatedAt     time.Time  `json:"created_at"`
}

// DeliveryOf is s as the API answers it.
func DeliveryOf(s store.Delivery) Delivery { return Delivery(s) }

// DeliveryCounts are the notifications waiting and dead-lettered, per
// channel, and how many are due.
type DeliveryCounts struct {
	Email           ChannelCounts `json:"email"`
	Webhook         ChannelCounts `json:"webhook"`
	Due             int           `json:"due"`
	OldestPendingAt *time.Time    `json:"oldest_pending_at"`
}

// DeliveryCountsOf is s as the API answers it.
func DeliveryCountsOf(s store.DeliveryCounts) DeliveryCounts {
	return DeliveryCounts{Email: ChannelCountsOf(s.Email), Webhook: ChannelCountsOf(s.Webhook), Due: s.Due,
		OldestPendingAt: s.OldestPendingAt}
}

// ChannelCounts are one channel's notifications waiting and dead-lettered.
type ChannelCounts struct {
	Pending      int `json:"pending"`
	DeadLettered int `json:"dead_lettered"`
}

// ChannelCountsOf is s as the API answers it.
func ChannelCountsOf(s store.ChannelCounts) ChannelCounts { return ChannelCounts(s) }
