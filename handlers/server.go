package handlers

import (
	"context"
	"iter"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"time"

	"github.com/labstack/echo/v4"

	"framelens/bulk"
	"framelens/classbus"
	"framelens/fetch"
	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/framing/textstat"
	"framelens/importjobs"
)

// Stores are what the handlers need from storage, one small interface per
// entity, so that another database can serve the same handlers and a test
// can replace one entity's store. The interfaces are embedded, so that a
// handler calls s.store.Event and the compiler finds which one has it.
type Stores struct {
	EventStore
	OutletStore
	LexiconStore
	AccountStore
	ClassroomStore
	Health
}

// Health tells whether the database answers and can be written.
type Health interface {
	Ping(ctx context.Context) error
	// Writable is nil when a write would reach the database, or an
	// EReadOnly error whose message names the files at fault.
	Writable(ctx context.Context) error
}

// EventStore keeps events, their articles and their topics.
type EventStore interface {
	ListEvents(ctx context.Context) ([]framing.EventSummary, error)
	// EventsVersion changes whenever the list of events would: an event
	// added, an article added, changed, moved or removed.
	EventsVersion(ctx context.Context) (string, error)
	Event(ctx context.Context, id int64) (framing.Event, error)
	CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error)
	// ChooseEventTopics stores the topic lexicons a person chose for an
	// event; ResetEventTopics hands them back to detection.
	ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error
	ResetEventTopics(ctx context.Context, eventID int64) error

	Articles(ctx context.Context, eventID int64) ([]framing.Article, error)
	AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error)
	Article(ctx context.Context, id int64) (framing.Article, error)
	UpdateArticle(ctx context.Context, id, eventID int64, in framing.ArticleInput) (framing.Article, error)
	DeleteArticle(ctx context.Context, id int64) error
	ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
		progress func(framing.ImportProgress)) (framing.ImportReport, error)
}

// OutletStore keeps the outlets that articles name.
type OutletStore interface {
	Outlets(ctx context.Context) ([]framing.Outlet, error)
	Outlet(ctx context.Context, id int64) (framing.Outlet, error)
	UpdateOutlet(ctx context.Context, id int64, in framing.OutletInput) (framing.Outlet, error)
}

// AccountStore keeps the accounts and their login sessions.
type AccountStore interface {
	CountUsers(ctx context.Context) (int, error)
	Users(ctx context.Context) ([]framing.User, error)
	CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error)
	UserForLogin(ctx context.Context, username string) (framing.User, string, error)
	CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error
	SessionUser(ctx context.Context, tokenHash string) (framing.User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
}

// LexiconStore keeps the lexicons and their edits.
type LexiconStore interface {
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
	Lexicon(ctx context.Context, id int64) (framing.Lexicon, error)
	CreateLexicon(ctx context.Context, lex framing.Lexicon) (framing.Lexicon, error)
	CreateConcept(ctx context.Context, lexID int64, c framing.Concept) (framing.Concept, error)
	UpdateConcept(ctx context.Context, lexID int64, c framing.Concept) error
	DeleteConcept(ctx context.Context, lexID, conceptID int64) error
	CreateTerm(ctx context.Context, lexID, conceptID int64, t framing.Term) (framing.Term, error)
	UpdateTerm(ctx context.Context, lexID int64, t framing.Term) error
	DeleteTerm(ctx context.Context, lexID, termID int64) error
}

// ClassroomStore keeps classroom sessions, their students and marks.
type ClassroomStore interface {
	CreateClassSession(ctx context.Context, in classroom.SessionInput, newCode func() (string, error)) (classroom.Session, error)
	ClassSession(ctx context.Context, id int64) (classroom.Session, error)
	ClassSessionByCode(ctx context.Context, code string) (classroom.Session, error)
	TeacherSessions(ctx context.Context, teacherID int64) ([]classroom.Session, error)
	SetClassPhase(ctx context.Context, id int64, phase classroom.Phase) error
	JoinClassSession(ctx context.Context, sessionID int64, nickname, tokenHash string) (classroom.Student, error)
	StudentByToken(ctx context.Context, tokenHash string) (classroom.Student, error)
	CountStudents(ctx context.Context, sessionID int64) (int, error)
	AddMark(ctx context.Context, m classroom.Mark, limit int) (classroom.Mark, error)
	DeleteMark(ctx context.Context, studentID, markID int64) error
	SessionMarks(ctx context.Context, sessionID int64) ([]classroom.Mark, error)
	StudentMarks(ctx context.Context, studentID int64) ([]classroom.Mark, error)
	CountStudentMarks(ctx context.Context, studentID int64) (int, error)
	ConceptInLexicons(ctx context.Context, conceptID int64, topics []string) (bool, error)
}

// Analyzer finds the lexicons' terms in texts and compares stored articles.
type Analyzer interface {
	// Analyze analyses a text with the general lexicons and the given
	// topics, or those its anchors name when topics is nil.
	Analyze(ctx context.Context, text string, topics []string) (*framing.Matcher, framing.Analysis, error)
	// EventTopics are the topic lexicons that apply to an event.
	EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error)
	Compare(ctx context.Context, articles []framing.Article) (*framing.Matcher, framing.Comparison, error)
	// Matcher is the matcher of the lexicons as they are now and the key
	// of their version.
	Matcher(ctx context.Context) (*framing.Matcher, string, error)
	// Refresh re-analyses stored articles in the background after a
	// lexicon changed.
	Refresh()

	// Distinctive ranks the words one article uses more than the other
	// articles; OutletDistinctive those of an outlet's stored articles
	// against every other text; Alignments pairs sentences reporting the
	// same fact.
	Distinctive(ctx context.Context, ev framing.Event, articles []framing.Article, focusID int64, minZ float64, limit int) ([]textstat.Distinctive, error)
	OutletDistinctive(ctx context.Context, outlet string, minZ float64, limit int) ([]textstat.Distinctive, int, error)
	Alignments(ctx context.Context, ev framing.Event, articles []framing.Article) (*framing.Matcher, []textstat.AlignedPair, error)
	// Heavy runs fn unless as many heavy computations as the server
	// allows are running already; then it is EBusy.
	Heavy(fn func() error) error
}

// MaxRequestBytes caps every request body. It is well above
// framing.MaxBodyBytes so that a form whose text is over that limit still
// arrives and can be shown back to the person with a message.
const MaxRequestBytes = 8 << 20

// MaxImportBytes caps the body of a bulk import: a file of up to
// bulk.MaxRecords articles.
const MaxImportBytes = 64 << 20

// MaxUploadBytes caps a request that adds one article with a file (a PDF
// or a saved web page with its images inlined).
const MaxUploadBytes = 20 << 20

// MaxFileBytes is the largest file one article is read from.
const MaxFileBytes = 16 << 20

// Failed logins: loginBurst in a row per account from one address, and
// addressBurst per address across all accounts, then one more every
// loginRefill. A person who mistypes a password a few times never notices;
// a guesser gets a handful of tries a minute. Failures are never counted
// per account alone: then anyone could lock a teacher out by failing on
// purpose from anywhere, while the teacher, from an address that has not
// failed, must still get in.
const (
	loginBurst   = 8
	addressBurst = 30 // a school's teachers share one address
	loginRefill  = 20 * time.Second
)

// Imports runs bulk imports in the background for the import page.
type Imports interface {
	Start(eventID int64, fileName string, f *os.File, format bulk.Format) (string, error)
	Get(id string) (importjobs.Snapshot, bool)
}

// Fetcher downloads a page for import by URL, refusing addresses that are
// not public.
type Fetcher interface {
	Fetch(ctx context.Context, rawURL string) (fetch.Page, error)
}

// Deps are what the application is built from.
type Deps struct {
	Stores   Stores
	Analyzer Analyzer
	Imports  Imports
	Fetcher  Fetcher
	Log      *slog.Logger
	// Classroom carries classroom sessions' changes to their live streams
	// on every instance; nil is a bus of this process alone (SQLite).
	Classroom ClassBus
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (see clientIP); none by default.
	TrustedProxies []netip.Prefix
	// Limits makes the limiters of logins, join codes and anonymous
	// creation; nil counts in this process alone (SQLite).
	Limits NewLimiter
	// Shutdown, when closed, ends the classroom sessions' live streams,
	// which would otherwise keep a graceful shutdown waiting.
	Shutdown <-chan struct{}
}

// Server carries the dependencies of every handler.
type Server struct {
	store    Stores
	analyzer Analyzer
	imports  Imports
	fetcher  Fetcher
	log      *slog.Logger
	logins   Limiter    // failed logins, per account name and address together
	loginIPs Limiter    // failed logins, per address across accounts
	pages    *pageCache // rendered comparison pages
	joins    Limiter    // wrong join codes, per address
	// newEvents and newArticles limit what an address creates without a
	// login (see limitCreated).
	newEvents, newArticles echo.MiddlewareFunc
	streams                ClassBus
	shutdown               <-chan struct{}
}

// New builds the application with every route and middleware.
func New(d Deps) http.Handler {
	limit := d.Limits
	if limit == nil {
		limit = inProcessLimiter
	}
	s := &Server{store: d.Stores, analyzer: d.Analyzer, imports: d.Imports, fetcher: d.Fetcher, log: d.Log,
		logins: limit("login", loginBurst, loginRefill), loginIPs: limit("login-address", addressBurst, loginRefill),
		joins: limit("join", joinBurst, joinRefill),
		pages: newPageCache(maxCachedPageBytes), streams: d.Classroom, shutdown: d.Shutdown}
	if s.streams == nil {
		s.streams = classbus.NewLocal()
	}
	s.newEvents = limitCreated(limit("created-events", createdEventsBurst, createdEventsRefill), "events")
	s.newArticles = limitCreated(limit("created-articles", createdArticlesBurst, createdArticlesRefill), "articles")
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = clientIP(d.TrustedProxies)
	s.routes(e)
	return headAsGet(e)
}
