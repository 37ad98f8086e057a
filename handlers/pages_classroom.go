package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/views"
)

// topWordings is how many wordings the dashboard lists before the reveal.
const topWordings = 12

func (s *Server) sessionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := s.store.TeacherSessions(ctx, currentUser(c).ID)
	if err != nil {
		return err
	}
	events, err := s.store.ListEvents(ctx)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.SessionsPage(views.SessionsView{User: currentUser(c), Sessions: list, Events: events, Now: time.Now()}))
}

func (s *Server) newSessionPage(c echo.Context) error {
	ev, articles, err := s.eventOf(c, c.QueryParam("event"))
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.SessionFormPage(views.SessionForm{User: currentUser(c), Event: ev, Articles: articles}))
}

func (s *Server) createSessionForm(c echo.Context) error {
	ev, articles, err := s.eventOf(c, c.FormValue("event_id"))
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	in := classroom.SessionInput{EventID: ev.ID, Title: c.FormValue("title"), Blind: c.FormValue("blind") == "1"}
	chosen := map[int64]bool{}
	for _, raw := range form["article_ids"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			in.ArticleIDs = append(in.ArticleIDs, id)
			chosen[id] = true
		}
	}
	if len(in.ArticleIDs) == 0 && len(articles) > 0 {
		errs, _ := views.FieldErrorsFrom(framing.FieldErrorf(framing.EInvalid, "article_ids", "Tick at least one article for the class to read."))
		return render(c, http.StatusUnprocessableEntity, views.SessionFormPage(views.SessionForm{User: currentUser(c), Event: ev, Articles: articles,
			Title: in.Title, Blind: in.Blind, Chosen: chosen, Errors: errs}))
	}
	cs, err := s.openSession(c, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.SessionFormPage(views.SessionForm{User: currentUser(c), Event: ev, Articles: articles, Title: in.Title,
				Blind: in.Blind, Chosen: chosen, Errors: errs})
		})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/sessions/%d", cs.ID))
}

// liveView is what the teacher's pages show of the session in the path;
// until a blind session's reveal every outlet name in it is an alias. The
// masker comes back for the rest of the page.
func (s *Server) liveView(c echo.Context) (views.LiveView, framing.NameMasker, error) {
	cs, err := s.teacherSession(c)
	if err != nil {
		return views.LiveView{}, framing.NameMasker{}, err
	}
	m, articles, res, err := s.classResults(c.Request().Context(), cs)
	if err != nil {
		return views.LiveView{}, framing.NameMasker{}, err
	}
	mask, err := s.maskFor(c.Request().Context(), cs)
	if err != nil {
		return views.LiveView{}, mask, err
	}
	return views.LiveView{User: currentUser(c), Session: cs, Articles: mask.ArticleMatches(articles),
		Texts: classroom.HeatTexts(m, articles, res, cs.Phase.Revealed(), mask), Results: classroom.MaskResults(mask, res), Top: topWordings}, mask, nil
}

func (s *Server) dashboardPage(c echo.Context) error {
	live, mask, err := s.liveView(c)
	if err != nil {
		return err
	}
	ev, err := s.store.Event(c.Request().Context(), live.Session.EventID)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.DashboardPage(views.DashboardView{Event: mask.Event(ev), JoinURL: joinURL(c, live.Session.Code), Live: live}))
}

// livePanel is the dashboard's live part alone, which the page fetches
// when the stream says something changed.
func (s *Server) livePanel(c echo.Context) error {
	live, _, err := s.liveView(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.LivePanel(live))
}

func (s *Server) summaryPage(c echo.Context) error {
	live, _, err := s.liveView(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.SummaryPage(live))
}

func (s *Server) projectorPage(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	state, err := s.streamState(c, cs.ID, true)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ProjectorPage(views.ProjectorView{User: currentUser(c), Session: cs, JoinURL: joinURL(c, cs.Code),
		Students: state.Students, Marks: state.Marks}))
}

func (s *Server) phaseForm(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	if _, err := s.setPhase(c.Request().Context(), cs, c.FormValue("phase")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/sessions/%d", cs.ID))
}

func (s *Server) joinPage(c echo.Context) error {
	return render(c, http.StatusOK, views.JoinPage(views.JoinForm{User: currentUser(c), Code: c.QueryParam("code")}))
}

func (s *Server) joinForm(c echo.Context) error {
	code, nickname := c.FormValue("code"), c.FormValue("nickname")
	cs, _, err := s.joinSession(c, code, nickname)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.JoinPage(views.JoinForm{User: currentUser(c), Code: code, Nickname: nickname, Errors: errs})
		})
	}
	return c.Redirect(http.StatusSeeOther, studentURL(cs.ID))
}

// studentPage is the student's reading and marking page. Someone who has
// not joined is sent to the join form.
func (s *Server) studentPage(c echo.Context) error {
	cs, st, err := s.studentSession(c)
	if code := framing.ErrorCode(err); code == framing.EUnauthorized || code == framing.EForbidden {
		return c.Redirect(http.StatusSeeOther, "/join")
	}
	if err != nil {
		return err
	}
	v, err := s.studentView(c, cs, st)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.StudentPage(v))
}
