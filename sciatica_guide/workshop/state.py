"""Every session key of the workshop, in one place.

Not under session.PREFIX: a room is not something the person answered, and "Clear my answers"
must not throw a phone out of its workshop. Nothing here is about the person.
"""

#: The presenter's room code.
PRESENTER_ROOM_KEY = "workshop.presenter.room"
#: The view last published, so an unchanged page costs the store nothing.
PUBLISHED_KEY = "workshop.presenter.published"
#: Whether the big join panel is on the projector.
SHOW_CODE_KEY = "workshop.presenter.show_code"
#: A one-line notice for the presenter's next run (room ended, store unreachable).
PRESENTER_NOTICE_KEY = "workshop.presenter.notice"
#: The phone's room code and the room version it last drew (its token: participant_token.py).
ROOM_KEY = "workshop.room"
SEEN_KEY = "workshop.seen"
LAST_BEAT_KEY = "workshop.last_beat"
#: The room this session has joined in the store (its phone counted and answering).
JOINED_KEY = "workshop.joined"

#: Where a tap on the followed body map asks to go, read on the next run.
GOTO_REGION_KEY = "workshop.goto_region"
#: This connection's wrong codes: (how many, when the last was), for the growing wait.
MISSES_KEY = "workshop.limits.misses"
#: The code a Join tap asked for, until a run opens the join page with it.
JOIN_ASKED_KEY = "workshop.join_asked"
#: Why this phone is not counted in its room yet: "full" or "busy" (None: joined or waiting).
JOIN_PROBLEM_KEY = "workshop.join_problem"

#: The room version this presenter published last: its next change applies only from there.
ROOM_VERSION_KEY = "workshop.presenter.version"
#: When this connection started its rooms (limits.STARTS_PER_CONNECTION).
START_TIMES_KEY = "workshop.limits.starts"

#: The presenter's check: (room code, QuizState), so a new room starts at question 1.
PRESENTER_QUIZ_KEY = "workshop.presenter.quiz"
#: The questions the presenter has asked in this room, for the summary.
PRESENTER_ASKED_KEY = "workshop.presenter.quiz_asked"
#: A phone's own answers: {"room": code, "answers": {question: option}}. Only this session
#: holds them with the person's own screen; the store holds one per random phone id.
MINE_KEY = "workshop.quiz.mine"
#: Urgent-help questions whose explanation this phone still has to show, and those read.
OWED_KEY = "workshop.quiz.owed"
READ_KEY = "workshop.quiz.read"
#: One line for the phone's next run ("answers are closed", "not available").
PHONE_NOTICE_KEY = "workshop.quiz.notice"
#: (room, question) this phone joined too late to answer: asked before it joined.
LATE_KEY = "workshop.quiz.late"
#: When this connection tapped an answer (limits.ANSWERS_PER_CONNECTION).
ANSWER_TIMES_KEY = "workshop.limits.answers"
#: The presenter's control pressed last (its key), for the focus to move on from.
PRESSED_KEY = "workshop.quiz.pressed"
#: The words the presenter hid from an open question's cloud: (room code, {question: keys}).
HIDDEN_WORDS_KEY = "workshop.presenter.hidden_words"
#: The time to answer the presenter chose per question ({question id: seconds}); the choice's
#: widget is not drawn while the timer runs, and Streamlit forgets an undrawn widget's value.
TIMER_CHOSEN_KEY = "workshop.quiz.timer"

#: This session's phone: {"room": code, "token": token} (not under session.PREFIX: nothing here is
#: an answer, and "Clear my answers" must not make a new phone).
PHONE_KEY = "workshop.phone"
#: When this connection took a token for a new room (limits.JOINS_PER_CONNECTION), and the room
#: whose token it refused for that reason.
JOIN_TIMES_KEY = "workshop.limits.joins"
JOIN_LIMITED_KEY = "workshop.limits.join_refused"

#: The room's questions (room_questions_ui.py). A phone's own: (room code, [question ids]), so it
#: can say where each is; only this session links them to the phone's screen.
MY_QUESTIONS_KEY = "workshop.questions.mine"
#: One line for the phone's next run about what it sent: ("success" | "warning", text).
ASK_NOTICE_KEY = "workshop.questions.notice"
#: When this connection voted (limits.ANSWERS_PER_CONNECTION).
VOTE_TIMES_KEY = "workshop.limits.votes"
#: The room this window reviews, once its link's secret was checked.
REVIEW_ROOM_KEY = "workshop.review.room"
