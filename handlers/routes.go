package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is the map of the application: every route, its middleware and
// its handler.
func (s *Server) routes(e *echo.Echo) {
	e.Use(middleware.RequestID())
	e.Use(s.logRequests())
	e.Use(middleware.Recover())
	e.Use(securityHeaders)
	e.Use(refuseCrossOrigin)
	e.Use(limitBodies)
	e.Use(parseForms)
	e.Use(s.loadUser)

	e.GET("/healthz", s.health)
	e.GET("/static/*", serveStatic)

	e.GET("/", s.homePage)
	e.GET("/events/new", s.newEventPage)
	e.POST("/events", s.createEventForm, s.newEvents)
	e.GET("/events/:id", s.eventPage)
	e.GET("/events/:id/contexts/:cid", s.contextsFragment)
	e.GET("/events/:id/distinctive", s.distinctivePage)
	e.GET("/events/:id/alignments", s.alignmentsPage)
	e.POST("/events/:id/lexicons", s.setEventLexiconsForm)
	e.GET("/events/:id/articles/new", s.newArticlePage)
	e.POST("/events/:id/articles", s.createArticleForm, s.newArticles)
	e.GET("/events/:id/import", s.importPage, requireUser)
	e.POST("/events/:id/import", s.startImportForm, requireUser)
	e.GET("/events/:id/import/:job", s.importJobPage, requireUser)
	article := e.Group("/events/:id/articles/:aid", requireUser)
	article.GET("/edit", s.editArticlePage)
	article.POST("/edit", s.updateArticleForm)
	article.GET("/delete", s.deleteArticlePage)
	article.POST("/delete", s.deleteArticleForm)

	e.GET("/outlets", s.outletsPage)
	e.GET("/outlets/words", s.outletWordsPage)
	outlet := e.Group("/outlets/:oid", requireUser)
	outlet.GET("/edit", s.editOutletPage)
	outlet.POST("/edit", s.updateOutletForm)

	e.GET("/lexicons", s.lexiconsPage)
	e.GET("/lexicons/propose", s.proposePage, requireUser)
	e.GET("/lexicons/:id", s.lexiconPage)
	edit := e.Group("/lexicons/:id", requireUser)
	edit.GET("/concepts/new", s.newConceptPage)
	edit.POST("/concepts", s.createConceptForm)
	edit.GET("/concepts/:cid", s.editConceptPage)
	edit.POST("/concepts/:cid", s.updateConceptForm)
	edit.POST("/concepts/:cid/delete", s.deleteConceptForm)
	edit.GET("/concepts/:cid/terms/new", s.newTermPage)
	edit.POST("/concepts/:cid/terms", s.createTermForm)
	edit.GET("/terms/:tid", s.editTermPage)
	edit.POST("/terms/:tid", s.updateTermForm)
	edit.POST("/terms/:tid/delete", s.deleteTermForm)

	admin := e.Group("/admin", requireUser, requireAdmin)
	admin.GET("/users", s.usersPage)
	admin.POST("/users", s.createUserForm)

	e.GET("/sessions", s.sessionsPage, requireUser)
	e.GET("/sessions/new", s.newSessionPage, requireUser)
	e.POST("/sessions", s.createSessionForm, requireUser)
	e.GET("/sessions/:sid", s.dashboardPage, requireUser)
	e.GET("/sessions/:sid/live", s.livePanel, requireUser)
	e.GET("/sessions/:sid/projector", s.projectorPage, requireUser)
	e.GET("/sessions/:sid/summary", s.summaryPage, requireUser)
	e.GET("/sessions/:sid/qr.png", s.qrPNG, requireUser)
	e.POST("/sessions/:sid/phase", s.phaseForm, requireUser)
	e.GET("/sessions/:sid/read", s.studentPage)
	e.GET("/join", s.joinPage)
	e.POST("/join", s.joinForm)

	e.GET("/login", s.loginPage)
	e.POST("/login", s.loginForm)
	e.POST("/logout", s.logoutForm)
	e.GET("/setup", s.setupPage)
	e.POST("/setup", s.setupPage)

	api := e.Group("/api")
	api.GET("/events", s.apiListEvents)
	api.POST("/events", s.apiCreateEvent, s.newEvents)
	api.GET("/events/:id", s.apiEvent)
	api.POST("/events/:id/articles", s.apiCreateArticle, s.newArticles)
	api.POST("/events/:id/articles/bulk", s.apiBulkImport, requireUser)
	// Fetching needs a login so that the server is no open proxy.
	api.POST("/events/:id/articles/import-url", s.apiImportURL, requireUser)
	api.GET("/events/:id/lexicons", s.apiEventLexicons)
	api.PUT("/events/:id/lexicons", s.apiSetEventLexicons)
	api.GET("/events/:id/comparison", s.apiComparison)
	api.GET("/events/:id/distinctive", s.apiDistinctive)
	api.GET("/events/:id/alignments", s.apiAlignments)
	api.GET("/outlets/distinctive", s.apiOutletDistinctive)
	api.GET("/articles/:aid", s.apiArticle)
	api.PUT("/articles/:aid", s.apiUpdateArticle, requireUser)
	api.DELETE("/articles/:aid", s.apiDeleteArticle, requireUser)
	api.GET("/outlets", s.apiOutlets)
	api.PUT("/outlets/:oid", s.apiUpdateOutlet, requireUser)
	api.POST("/analyze", s.apiAnalyze)
	api.GET("/lexicons", s.apiLexicons)
	api.GET("/lexicons/:id/export", s.apiExportLexicon)
	api.POST("/lexicons/import", s.apiImportLexicon, requireUser)
	api.POST("/sessions", s.apiCreateSession, requireUser)
	api.GET("/sessions/:sid", s.apiSession)
	api.POST("/sessions/:sid/phase", s.apiSetPhase)
	api.GET("/sessions/:sid/results", s.apiResults)
	api.GET("/sessions/:sid/export", s.apiExport)
	api.GET("/sessions/:sid/stream", s.apiStream)
	api.POST("/join", s.apiJoin)
	api.GET("/sessions/:sid/marks", s.apiOwnMarks)
	api.POST("/sessions/:sid/marks", s.apiAddMark)
	api.DELETE("/sessions/:sid/marks/:mark", s.apiDeleteMark)
	api.POST("/login", s.apiLogin)
	api.POST("/logout", s.apiLogout)
}

// bodyLimits are the routes that take files, and how large a request to
// them may be; every other request is held to MaxRequestBytes.
var bodyLimits = map[string]int64{
	"/api/events/:id/articles/bulk": MaxImportBytes,
	"/events/:id/import":            MaxImportBytes,
	"/events/:id/articles":          MaxUploadBytes,
	"/api/events/:id/articles":      MaxUploadBytes,
}

// limitBodies caps the request body before any form is parsed: a request
// that says it is too large is refused at once, one that grows too large
// while being read fails with http.MaxBytesError.
func limitBodies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		limit := int64(MaxRequestBytes)
		if l, ok := bodyLimits[c.Path()]; ok && r.Method == http.MethodPost {
			limit = l
		}
		if r.ContentLength > limit {
			return echo.ErrStatusRequestEntityTooLarge
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
		return next(c)
	}
}
