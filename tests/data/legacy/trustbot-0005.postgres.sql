CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);
CREATE TABLE public.challenge_days (
    run_id integer NOT NULL,
    day integer NOT NULL,
    local_date date NOT NULL,
    scheduled_for timestamp without time zone NOT NULL,
    status character varying(12) NOT NULL,
    message_ref character varying(200)
);
CREATE TABLE public.challenge_members (
    run_id integer NOT NULL,
    member_id integer NOT NULL,
    community_id integer NOT NULL,
    joined_at timestamp without time zone NOT NULL,
    dm boolean DEFAULT false NOT NULL
);
CREATE TABLE public.challenge_progress (
    run_id integer NOT NULL,
    member_id integer NOT NULL,
    day integer NOT NULL,
    done_at timestamp without time zone NOT NULL
);
CREATE TABLE public.challenge_runs (
    id integer NOT NULL,
    community_id integer NOT NULL,
    challenge_id character varying(100),
    title character varying(80) NOT NULL,
    steps text NOT NULL,
    days integer NOT NULL,
    channel_ref character varying(200) NOT NULL,
    channel_name character varying(200) DEFAULT ''::character varying NOT NULL,
    timezone character varying(64) NOT NULL,
    local_time character varying(5) NOT NULL,
    start_date date NOT NULL,
    anchor_day integer DEFAULT 1 NOT NULL,
    anchor_date date NOT NULL,
    status character varying(12) NOT NULL,
    next_step integer DEFAULT 1 NOT NULL,
    next_run_at timestamp without time zone,
    message_ref character varying(200),
    thread_ref character varying(200),
    version integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    ended_at timestamp without time zone
);
CREATE SEQUENCE public.challenge_runs_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.challenge_runs_id_seq OWNED BY public.challenge_runs.id;
CREATE TABLE public.checkin_answers (
    id integer NOT NULL,
    checkin_id integer NOT NULL,
    question_id character varying(100) NOT NULL,
    score integer,
    note text,
    answered_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.checkin_answers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.checkin_answers_id_seq OWNED BY public.checkin_answers.id;
CREATE TABLE public.checkin_subscriptions (
    id integer NOT NULL,
    member_id integer NOT NULL,
    community_id integer,
    timezone character varying(64) NOT NULL,
    local_time character varying(5) NOT NULL,
    weekdays integer NOT NULL,
    quiet_start character varying(5),
    quiet_end character varying(5),
    paused_until timestamp without time zone,
    blocked boolean DEFAULT false NOT NULL,
    next_due_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.checkin_subscriptions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.checkin_subscriptions_id_seq OWNED BY public.checkin_subscriptions.id;
CREATE TABLE public.checkins (
    id integer NOT NULL,
    member_id integer NOT NULL,
    community_id integer,
    local_date date NOT NULL,
    scheduled_for timestamp without time zone NOT NULL,
    created_at timestamp without time zone NOT NULL,
    sent_at timestamp without time zone,
    dm_ref character varying(200),
    remind_at timestamp without time zone,
    reminded_at timestamp without time zone,
    completed_at timestamp without time zone
);
CREATE SEQUENCE public.checkins_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.checkins_id_seq OWNED BY public.checkins.id;
CREATE TABLE public.communities (
    id integer NOT NULL,
    platform character varying(20) NOT NULL,
    external_id character varying(100) NOT NULL,
    name character varying(200) DEFAULT ''::character varying NOT NULL,
    timezone character varying(64),
    moderator_role character varying(100),
    settings text DEFAULT '{}'::text NOT NULL,
    created_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.communities_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.communities_id_seq OWNED BY public.communities.id;
CREATE TABLE public.community_members (
    community_id integer NOT NULL,
    member_id integer NOT NULL,
    first_seen timestamp without time zone NOT NULL,
    last_seen timestamp without time zone NOT NULL
);
CREATE TABLE public.deliveries (
    id integer NOT NULL,
    key character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    community_id integer,
    member_id integer,
    scheduled_for timestamp without time zone NOT NULL,
    status character varying(12) NOT NULL,
    claimed_by character varying(64) NOT NULL,
    claimed_at timestamp without time zone NOT NULL,
    attempts integer DEFAULT 1 NOT NULL,
    sent_at timestamp without time zone,
    error text,
    ref character varying(200)
);
CREATE SEQUENCE public.deliveries_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.deliveries_id_seq OWNED BY public.deliveries.id;
CREATE TABLE public.kv (
    key character varying(200) NOT NULL,
    value text NOT NULL
);
CREATE TABLE public.member_prefs (
    member_id integer NOT NULL,
    prefs text DEFAULT '{}'::text NOT NULL
);
CREATE TABLE public.members (
    id integer NOT NULL,
    platform character varying(20) NOT NULL,
    external_id character varying(100) NOT NULL,
    display_name character varying(200) DEFAULT ''::character varying NOT NULL,
    dm_blocked boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.members_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.members_id_seq OWNED BY public.members.id;
CREATE TABLE public.participation (
    id integer NOT NULL,
    prompt_post_id integer NOT NULL,
    member_id integer NOT NULL,
    community_id integer NOT NULL,
    answered_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.participation_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.participation_id_seq OWNED BY public.participation.id;
CREATE TABLE public.prompt_posts (
    id integer NOT NULL,
    community_id integer NOT NULL,
    prompt_id character varying(100) NOT NULL,
    cycle integer NOT NULL,
    status character varying(12) NOT NULL,
    local_date date NOT NULL,
    posted_at timestamp without time zone NOT NULL,
    message_ref character varying(200),
    thread_ref character varying(200)
);
CREATE SEQUENCE public.prompt_posts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.prompt_posts_id_seq OWNED BY public.prompt_posts.id;
CREATE TABLE public.reflections (
    id integer NOT NULL,
    community_id integer NOT NULL,
    week_start date NOT NULL,
    local_date date NOT NULL,
    theme_id character varying(100) NOT NULL,
    theme_source character varying(12) NOT NULL,
    status character varying(12) NOT NULL,
    channel_ref character varying(200) NOT NULL,
    message_ref character varying(200),
    thread_ref character varying(200),
    opened_at timestamp without time zone NOT NULL,
    close_at timestamp without time zone NOT NULL,
    closed_at timestamp without time zone,
    closing_ref character varying(200),
    reply_count integer DEFAULT 0 NOT NULL
);
CREATE SEQUENCE public.reflections_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.reflections_id_seq OWNED BY public.reflections.id;
CREATE TABLE public.schedules (
    id integer NOT NULL,
    community_id integer NOT NULL,
    kind character varying(20) NOT NULL,
    channel_ref character varying(200) NOT NULL,
    channel_name character varying(200) DEFAULT ''::character varying NOT NULL,
    timezone character varying(64) NOT NULL,
    local_time character varying(5) NOT NULL,
    weekdays integer NOT NULL,
    paused boolean DEFAULT false NOT NULL,
    next_run_at timestamp without time zone,
    updated_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.schedules_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.schedules_id_seq OWNED BY public.schedules.id;
CREATE TABLE public.tip_history (
    id integer NOT NULL,
    member_id integer NOT NULL,
    tip_id character varying(100) NOT NULL,
    shown_at timestamp without time zone NOT NULL
);
CREATE SEQUENCE public.tip_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.tip_history_id_seq OWNED BY public.tip_history.id;
ALTER TABLE ONLY public.challenge_runs ALTER COLUMN id SET DEFAULT nextval('public.challenge_runs_id_seq'::regclass);
ALTER TABLE ONLY public.checkin_answers ALTER COLUMN id SET DEFAULT nextval('public.checkin_answers_id_seq'::regclass);
ALTER TABLE ONLY public.checkin_subscriptions ALTER COLUMN id SET DEFAULT nextval('public.checkin_subscriptions_id_seq'::regclass);
ALTER TABLE ONLY public.checkins ALTER COLUMN id SET DEFAULT nextval('public.checkins_id_seq'::regclass);
ALTER TABLE ONLY public.communities ALTER COLUMN id SET DEFAULT nextval('public.communities_id_seq'::regclass);
ALTER TABLE ONLY public.deliveries ALTER COLUMN id SET DEFAULT nextval('public.deliveries_id_seq'::regclass);
ALTER TABLE ONLY public.members ALTER COLUMN id SET DEFAULT nextval('public.members_id_seq'::regclass);
ALTER TABLE ONLY public.participation ALTER COLUMN id SET DEFAULT nextval('public.participation_id_seq'::regclass);
ALTER TABLE ONLY public.prompt_posts ALTER COLUMN id SET DEFAULT nextval('public.prompt_posts_id_seq'::regclass);
ALTER TABLE ONLY public.reflections ALTER COLUMN id SET DEFAULT nextval('public.reflections_id_seq'::regclass);
ALTER TABLE ONLY public.schedules ALTER COLUMN id SET DEFAULT nextval('public.schedules_id_seq'::regclass);
ALTER TABLE ONLY public.tip_history ALTER COLUMN id SET DEFAULT nextval('public.tip_history_id_seq'::regclass);
INSERT INTO public.alembic_version VALUES ('0005');
INSERT INTO public.challenge_days VALUES (1, 1, '2027-03-02', '2027-03-02 14:00:00', 'posted', 'm5');
INSERT INTO public.challenge_days VALUES (1, 2, '2027-03-03', '2027-03-03 14:00:00', 'posted', 'm7');
INSERT INTO public.challenge_days VALUES (1, 3, '2027-03-04', '2027-03-04 14:00:00', 'posted', 'm9');
INSERT INTO public.challenge_days VALUES (1, 4, '2027-03-05', '2027-03-05 14:00:00', 'posted', 'm11');
INSERT INTO public.challenge_days VALUES (1, 5, '2027-03-06', '2027-03-06 14:00:00', 'posted', 'm13');
INSERT INTO public.challenge_days VALUES (1, 6, '2027-03-07', '2027-03-07 14:00:00', 'posted', 'm15');
INSERT INTO public.challenge_days VALUES (1, 7, '2027-03-08', '2027-03-08 14:00:00', 'posted', 'm18');
INSERT INTO public.challenge_days VALUES (1, 8, '2027-03-09', '2027-03-09 14:00:00', 'posted', 'm20');
INSERT INTO public.challenge_days VALUES (1, 9, '2027-03-10', '2027-03-10 14:00:00', 'posted', 'm23');
INSERT INTO public.challenge_runs VALUES (1, 1, 'nine-steps', 'Nine steps in nine days', '[{"title": "Keep one promise", "text": "Make one small, specific promise to your partner today, such as the time you''ll be home, and keep it exactly. Tonight, notice how it felt to follow through.", "theme": "align-words-and-actions"}, {"title": "Listen first", "text": "In one conversation today, let your partner finish before you speak. Sum up what you heard, check you got it right, then share your view. Keep an ear on your tone.", "theme": "show-respect"}, {"title": "Name your values", "text": "Each of you write down your top three values, such as fun, safety, freedom or security. Swap lists. Pick one place where they pull apart and brainstorm two ways to honour both.", "theme": "honour-both-values"}, {"title": "One true sentence", "text": "Swap one automatic answer for an honest one today. If you''ve told a small fib recently, correct it kindly and simply.", "theme": "be-honest"}, {"title": "A clean apology", "text": "Think of something small you got wrong lately. Apologise today: name what you did, how it may have affected your partner, and what you''ll do differently. Leave out the ''but''.", "theme": "say-sorry"}, {"title": "Thirty minutes together", "text": "Set aside 20 to 30 minutes tonight for just the two of you, phones away. Talk, walk or watch something together. Being present is the point, not what you do.", "theme": "focus-on-connection"}, {"title": "Talk about one worry", "text": "At a calm moment, ask your partner if there''s one specific thing that makes trust hard for them right now. Listen, take it seriously even if it seems small, and agree one small next step.", "theme": "have-a-conversation"}, {"title": "Ask what they need", "text": "Ask: ''What would help you feel supported this week?'' Validate what you hear before offering any ideas. If you ever feel unsafe yourself, put your own safety first and type `help safety`.", "theme": "create-emotional-safety"}, {"title": "Consider outside help", "text": "Look back over the past eight days. What helped? What still feels stuck? If trust stays hard despite your efforts, talk together about seeing a couples therapist, and take one practical step, such as asking your doctor for a referral.", "theme": "attend-therapy"}]', 9, 'challenges', 'challenges', 'America/New_York', '09:00', '2027-03-02', 1, '2027-03-02', 'finished', 10, NULL, 'm4', 't3', 11, '2027-03-01 12:00:00', '2027-03-11 14:00:00', '2027-03-11 14:00:00');
INSERT INTO public.checkin_answers VALUES (6, 2, 'safe-to-open', 3, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (7, 2, 'words-match-actions', 3, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (8, 2, 'felt-connected', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (9, 2, 'felt-respected', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (10, 3, 'safe-to-open', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (11, 3, 'words-match-actions', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (12, 3, 'felt-connected', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (13, 3, 'felt-respected', 5, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (14, 4, 'safe-to-open', 2, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (15, 4, 'words-match-actions', 3, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (16, 4, 'felt-connected', 2, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (17, 4, 'felt-respected', 3, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (18, 5, 'safe-to-open', 5, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (19, 5, 'words-match-actions', 4, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (20, 5, 'felt-connected', 5, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_answers VALUES (21, 5, 'felt-respected', 5, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkin_subscriptions VALUES (5, 12, 1, 'America/New_York', '21:00', 127, NULL, NULL, NULL, true, NULL, '2027-03-01 12:00:00', '2027-03-10 02:00:00');
INSERT INTO public.checkin_subscriptions VALUES (2, 9, 1, 'America/New_York', '21:00', 127, NULL, NULL, NULL, false, '2027-03-15 01:00:00', '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.checkin_subscriptions VALUES (3, 10, 1, 'America/New_York', '21:00', 127, NULL, NULL, NULL, false, '2027-03-15 01:00:00', '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.checkin_subscriptions VALUES (4, 11, 1, 'America/New_York', '21:00', 127, NULL, NULL, NULL, false, '2027-03-15 01:00:00', '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.checkins VALUES (2, 9, 1, '2027-03-01', '2027-03-02 02:00:00', '2027-03-02 02:00:00', '2027-03-02 02:00:00', 'd2', NULL, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkins VALUES (3, 10, 1, '2027-03-01', '2027-03-02 02:00:00', '2027-03-02 02:00:00', '2027-03-02 02:00:00', 'd3', NULL, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkins VALUES (4, 11, 1, '2027-03-01', '2027-03-02 02:00:00', '2027-03-02 02:00:00', '2027-03-02 02:00:00', 'd4', NULL, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkins VALUES (5, 12, 1, '2027-03-01', '2027-03-02 02:00:00', '2027-03-02 02:00:00', '2027-03-02 02:00:00', 'd5', NULL, NULL, '2027-03-02 02:00:00');
INSERT INTO public.checkins VALUES (7, 9, 1, '2027-03-02', '2027-03-03 02:00:00', '2027-03-03 02:00:00', '2027-03-03 02:00:00', 'd7', NULL, '2027-03-03 04:00:00', NULL);
INSERT INTO public.checkins VALUES (8, 10, 1, '2027-03-02', '2027-03-03 02:00:00', '2027-03-03 02:00:00', '2027-03-03 02:00:00', 'd8', NULL, '2027-03-03 04:00:00', NULL);
INSERT INTO public.checkins VALUES (9, 11, 1, '2027-03-02', '2027-03-03 02:00:00', '2027-03-03 02:00:00', '2027-03-03 02:00:00', 'd9', NULL, '2027-03-03 04:00:00', NULL);
INSERT INTO public.checkins VALUES (10, 12, 1, '2027-03-02', '2027-03-03 02:00:00', '2027-03-03 02:00:00', '2027-03-03 02:00:00', 'd10', NULL, '2027-03-03 04:00:00', NULL);
INSERT INTO public.checkins VALUES (12, 9, 1, '2027-03-03', '2027-03-04 02:00:00', '2027-03-04 02:00:00', '2027-03-04 02:00:00', 'd18', NULL, '2027-03-04 04:00:00', NULL);
INSERT INTO public.checkins VALUES (13, 10, 1, '2027-03-03', '2027-03-04 02:00:00', '2027-03-04 02:00:00', '2027-03-04 02:00:00', 'd19', NULL, '2027-03-04 04:00:00', NULL);
INSERT INTO public.checkins VALUES (14, 11, 1, '2027-03-03', '2027-03-04 02:00:00', '2027-03-04 02:00:00', '2027-03-04 02:00:00', 'd20', NULL, '2027-03-04 04:00:00', NULL);
INSERT INTO public.checkins VALUES (15, 12, 1, '2027-03-03', '2027-03-04 02:00:00', '2027-03-04 02:00:00', '2027-03-04 02:00:00', 'd21', NULL, '2027-03-04 04:00:00', NULL);
INSERT INTO public.checkins VALUES (17, 9, 1, '2027-03-04', '2027-03-05 02:00:00', '2027-03-05 02:00:00', '2027-03-05 02:00:00', 'd29', NULL, '2027-03-05 04:00:00', NULL);
INSERT INTO public.checkins VALUES (18, 10, 1, '2027-03-04', '2027-03-05 02:00:00', '2027-03-05 02:00:00', '2027-03-05 02:00:00', 'd30', NULL, '2027-03-05 04:00:00', NULL);
INSERT INTO public.checkins VALUES (19, 11, 1, '2027-03-04', '2027-03-05 02:00:00', '2027-03-05 02:00:00', '2027-03-05 02:00:00', 'd31', NULL, '2027-03-05 04:00:00', NULL);
INSERT INTO public.checkins VALUES (20, 12, 1, '2027-03-04', '2027-03-05 02:00:00', '2027-03-05 02:00:00', '2027-03-05 02:00:00', 'd32', NULL, '2027-03-05 04:00:00', NULL);
INSERT INTO public.checkins VALUES (22, 9, 1, '2027-03-05', '2027-03-06 02:00:00', '2027-03-06 02:00:00', '2027-03-06 02:00:00', 'd40', NULL, '2027-03-06 04:00:00', NULL);
INSERT INTO public.checkins VALUES (23, 10, 1, '2027-03-05', '2027-03-06 02:00:00', '2027-03-06 02:00:00', '2027-03-06 02:00:00', 'd41', NULL, '2027-03-06 04:00:00', NULL);
INSERT INTO public.checkins VALUES (24, 11, 1, '2027-03-05', '2027-03-06 02:00:00', '2027-03-06 02:00:00', '2027-03-06 02:00:00', 'd42', NULL, '2027-03-06 04:00:00', NULL);
INSERT INTO public.checkins VALUES (25, 12, 1, '2027-03-05', '2027-03-06 02:00:00', '2027-03-06 02:00:00', '2027-03-06 02:00:00', 'd43', NULL, '2027-03-06 04:00:00', NULL);
INSERT INTO public.checkins VALUES (27, 9, 1, '2027-03-06', '2027-03-07 02:00:00', '2027-03-07 02:00:00', '2027-03-07 02:00:00', 'd51', NULL, '2027-03-07 04:00:00', NULL);
INSERT INTO public.checkins VALUES (28, 10, 1, '2027-03-06', '2027-03-07 02:00:00', '2027-03-07 02:00:00', '2027-03-07 02:00:00', 'd52', NULL, '2027-03-07 04:00:00', NULL);
INSERT INTO public.checkins VALUES (29, 11, 1, '2027-03-06', '2027-03-07 02:00:00', '2027-03-07 02:00:00', '2027-03-07 02:00:00', 'd53', NULL, '2027-03-07 04:00:00', NULL);
INSERT INTO public.checkins VALUES (30, 12, 1, '2027-03-06', '2027-03-07 02:00:00', '2027-03-07 02:00:00', '2027-03-07 02:00:00', 'd54', NULL, '2027-03-07 04:00:00', NULL);
INSERT INTO public.checkins VALUES (32, 9, 1, '2027-03-07', '2027-03-08 02:00:00', '2027-03-08 02:00:00', '2027-03-08 02:00:00', 'd62', NULL, '2027-03-08 04:00:00', NULL);
INSERT INTO public.checkins VALUES (33, 10, 1, '2027-03-07', '2027-03-08 02:00:00', '2027-03-08 02:00:00', '2027-03-08 02:00:00', 'd63', NULL, '2027-03-08 04:00:00', NULL);
INSERT INTO public.checkins VALUES (34, 11, 1, '2027-03-07', '2027-03-08 02:00:00', '2027-03-08 02:00:00', '2027-03-08 02:00:00', 'd64', NULL, '2027-03-08 04:00:00', NULL);
INSERT INTO public.checkins VALUES (35, 12, 1, '2027-03-07', '2027-03-08 02:00:00', '2027-03-08 02:00:00', '2027-03-08 02:00:00', 'd65', NULL, '2027-03-08 04:00:00', NULL);
INSERT INTO public.checkins VALUES (37, 9, 1, '2027-03-08', '2027-03-09 02:00:00', '2027-03-09 02:00:00', '2027-03-09 02:00:00', 'd73', NULL, '2027-03-09 04:00:00', NULL);
INSERT INTO public.checkins VALUES (38, 10, 1, '2027-03-08', '2027-03-09 02:00:00', '2027-03-09 02:00:00', '2027-03-09 02:00:00', 'd74', NULL, '2027-03-09 04:00:00', NULL);
INSERT INTO public.checkins VALUES (39, 11, 1, '2027-03-08', '2027-03-09 02:00:00', '2027-03-09 02:00:00', '2027-03-09 02:00:00', 'd75', NULL, '2027-03-09 04:00:00', NULL);
INSERT INTO public.checkins VALUES (40, 12, 1, '2027-03-08', '2027-03-09 02:00:00', '2027-03-09 02:00:00', '2027-03-09 02:00:00', 'd76', NULL, '2027-03-09 04:00:00', NULL);
INSERT INTO public.checkins VALUES (44, 12, 1, '2027-03-09', '2027-03-10 02:00:00', '2027-03-10 02:00:00', NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.checkins VALUES (41, 9, 1, '2027-03-09', '2027-03-10 02:00:00', '2027-03-10 02:00:00', '2027-03-10 02:00:00', 'd83', NULL, '2027-03-10 04:00:00', NULL);
INSERT INTO public.checkins VALUES (42, 10, 1, '2027-03-09', '2027-03-10 02:00:00', '2027-03-10 02:00:00', '2027-03-10 02:00:00', 'd84', NULL, '2027-03-10 04:00:00', NULL);
INSERT INTO public.checkins VALUES (43, 11, 1, '2027-03-09', '2027-03-10 02:00:00', '2027-03-10 02:00:00', '2027-03-10 02:00:00', 'd85', NULL, '2027-03-10 04:00:00', NULL);
INSERT INTO public.checkins VALUES (45, 9, 1, '2027-03-10', '2027-03-11 02:00:00', '2027-03-11 02:00:00', '2027-03-11 02:00:00', 'd90', NULL, '2027-03-11 04:00:00', NULL);
INSERT INTO public.checkins VALUES (46, 10, 1, '2027-03-10', '2027-03-11 02:00:00', '2027-03-11 02:00:00', '2027-03-11 02:00:00', 'd91', NULL, '2027-03-11 04:00:00', NULL);
INSERT INTO public.checkins VALUES (47, 11, 1, '2027-03-10', '2027-03-11 02:00:00', '2027-03-11 02:00:00', '2027-03-11 02:00:00', 'd92', NULL, '2027-03-11 04:00:00', NULL);
INSERT INTO public.checkins VALUES (48, 9, 1, '2027-03-11', '2027-03-12 02:00:00', '2027-03-12 02:00:00', '2027-03-12 02:00:00', 'd96', NULL, '2027-03-12 04:00:00', NULL);
INSERT INTO public.checkins VALUES (49, 10, 1, '2027-03-11', '2027-03-12 02:00:00', '2027-03-12 02:00:00', '2027-03-12 02:00:00', 'd97', NULL, '2027-03-12 04:00:00', NULL);
INSERT INTO public.checkins VALUES (50, 11, 1, '2027-03-11', '2027-03-12 02:00:00', '2027-03-12 02:00:00', '2027-03-12 02:00:00', 'd98', NULL, '2027-03-12 04:00:00', NULL);
INSERT INTO public.checkins VALUES (52, 9, 1, '2027-03-12', '2027-03-13 02:00:00', '2027-03-13 02:00:00', '2027-03-13 02:00:00', 'd103', NULL, '2027-03-13 04:00:00', NULL);
INSERT INTO public.checkins VALUES (53, 10, 1, '2027-03-12', '2027-03-13 02:00:00', '2027-03-13 02:00:00', '2027-03-13 02:00:00', 'd104', NULL, '2027-03-13 04:00:00', NULL);
INSERT INTO public.checkins VALUES (54, 11, 1, '2027-03-12', '2027-03-13 02:00:00', '2027-03-13 02:00:00', '2027-03-13 02:00:00', 'd105', NULL, '2027-03-13 04:00:00', NULL);
INSERT INTO public.checkins VALUES (56, 9, 1, '2027-03-13', '2027-03-14 02:00:00', '2027-03-14 02:00:00', '2027-03-14 02:00:00', 'd110', NULL, '2027-03-14 04:00:00', NULL);
INSERT INTO public.checkins VALUES (57, 10, 1, '2027-03-13', '2027-03-14 02:00:00', '2027-03-14 02:00:00', '2027-03-14 02:00:00', 'd111', NULL, '2027-03-14 04:00:00', NULL);
INSERT INTO public.checkins VALUES (58, 11, 1, '2027-03-13', '2027-03-14 02:00:00', '2027-03-14 02:00:00', '2027-03-14 02:00:00', 'd112', NULL, '2027-03-14 04:00:00', NULL);
INSERT INTO public.communities VALUES (1, 'sandbox', 'sandbox', '', 'America/New_York', 'moderators', '{"safety_resources": [{"country": "US", "name": "Riverside Counselling Line", "phone": "555 0100", "sms": null, "url": null}], "welcomed": true}', '2027-03-01 12:00:00');
INSERT INTO public.community_members VALUES (1, 5, '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.community_members VALUES (1, 9, '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.community_members VALUES (1, 10, '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.community_members VALUES (1, 11, '2027-03-01 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.community_members VALUES (1, 1, '2027-03-01 12:00:00', '2027-03-08 00:00:00');
INSERT INTO public.community_members VALUES (1, 12, '2027-03-01 12:00:00', '2027-03-10 17:00:00');
INSERT INTO public.community_members VALUES (1, 52, '2027-03-14 23:00:00', '2027-03-14 23:00:00');
INSERT INTO public.deliveries VALUES (1, 'prompt:1:2027-03-01', 'prompt', 1, NULL, '2027-03-01 13:00:00', 'sent', 'vm:5884', '2027-03-01 13:00:00', 1, '2027-03-01 13:00:00', NULL, 'm2');
INSERT INTO public.deliveries VALUES (3, 'checkin:9:2027-03-01', 'checkin', 1, 9, '2027-03-02 02:00:00', 'sent', 'vm:5884', '2027-03-02 02:00:00', 1, '2027-03-02 02:00:00', NULL, 'd2');
INSERT INTO public.deliveries VALUES (4, 'checkin:10:2027-03-01', 'checkin', 1, 10, '2027-03-02 02:00:00', 'sent', 'vm:5884', '2027-03-02 02:00:00', 1, '2027-03-02 02:00:00', NULL, 'd3');
INSERT INTO public.deliveries VALUES (5, 'checkin:11:2027-03-01', 'checkin', 1, 11, '2027-03-02 02:00:00', 'sent', 'vm:5884', '2027-03-02 02:00:00', 1, '2027-03-02 02:00:00', NULL, 'd4');
INSERT INTO public.deliveries VALUES (6, 'checkin:12:2027-03-01', 'checkin', 1, 12, '2027-03-02 02:00:00', 'sent', 'vm:5884', '2027-03-02 02:00:00', 1, '2027-03-02 02:00:00', NULL, 'd5');
INSERT INTO public.deliveries VALUES (7, 'prompt:1:2027-03-02', 'prompt', 1, NULL, '2027-03-02 13:00:00', 'sent', 'vm:5884', '2027-03-02 13:00:00', 1, '2027-03-02 13:00:00', NULL, 'm3');
INSERT INTO public.deliveries VALUES (8, 'challenge:1:intro', 'challenge', 1, NULL, '2027-03-02 14:00:00', 'sent', 'vm:5884', '2027-03-02 14:00:00', 1, '2027-03-02 14:00:00', NULL, 'm4');
INSERT INTO public.deliveries VALUES (9, 'challenge:1:thread', 'challenge', 1, NULL, '2027-03-02 14:00:00', 'sent', 'vm:5884', '2027-03-02 14:00:00', 1, '2027-03-02 14:00:00', NULL, 't3');
INSERT INTO public.deliveries VALUES (10, 'challenge:1:1', 'challenge', 1, NULL, '2027-03-02 14:00:00', 'sent', 'vm:5884', '2027-03-02 14:00:00', 1, '2027-03-02 14:00:00', NULL, 'm5');
INSERT INTO public.deliveries VALUES (12, 'checkin:9:2027-03-02', 'checkin', 1, 9, '2027-03-03 02:00:00', 'sent', 'vm:5884', '2027-03-03 02:00:00', 1, '2027-03-03 02:00:00', NULL, 'd7');
INSERT INTO public.deliveries VALUES (13, 'checkin:10:2027-03-02', 'checkin', 1, 10, '2027-03-03 02:00:00', 'sent', 'vm:5884', '2027-03-03 02:00:00', 1, '2027-03-03 02:00:00', NULL, 'd8');
INSERT INTO public.deliveries VALUES (14, 'checkin:11:2027-03-02', 'checkin', 1, 11, '2027-03-03 02:00:00', 'sent', 'vm:5884', '2027-03-03 02:00:00', 1, '2027-03-03 02:00:00', NULL, 'd9');
INSERT INTO public.deliveries VALUES (15, 'checkin:12:2027-03-02', 'checkin', 1, 12, '2027-03-03 02:00:00', 'sent', 'vm:5884', '2027-03-03 02:00:00', 1, '2027-03-03 02:00:00', NULL, 'd10');
INSERT INTO public.deliveries VALUES (17, 'checkin-reminder:9:2027-03-02', 'checkin_reminder', 1, 9, '2027-03-03 04:00:00', 'sent', 'vm:5884', '2027-03-03 04:00:00', 1, '2027-03-03 04:00:00', NULL, 'd12');
INSERT INTO public.deliveries VALUES (18, 'checkin-reminder:10:2027-03-02', 'checkin_reminder', 1, 10, '2027-03-03 04:00:00', 'sent', 'vm:5884', '2027-03-03 04:00:00', 1, '2027-03-03 04:00:00', NULL, 'd13');
INSERT INTO public.deliveries VALUES (19, 'checkin-reminder:11:2027-03-02', 'checkin_reminder', 1, 11, '2027-03-03 04:00:00', 'sent', 'vm:5884', '2027-03-03 04:00:00', 1, '2027-03-03 04:00:00', NULL, 'd14');
INSERT INTO public.deliveries VALUES (20, 'checkin-reminder:12:2027-03-02', 'checkin_reminder', 1, 12, '2027-03-03 04:00:00', 'sent', 'vm:5884', '2027-03-03 04:00:00', 1, '2027-03-03 04:00:00', NULL, 'd15');
INSERT INTO public.deliveries VALUES (21, 'prompt:1:2027-03-03', 'prompt', 1, NULL, '2027-03-03 13:00:00', 'sent', 'vm:5884', '2027-03-03 13:00:00', 1, '2027-03-03 13:00:00', NULL, 'm6');
INSERT INTO public.deliveries VALUES (22, 'challenge:1:2', 'challenge', 1, NULL, '2027-03-03 14:00:00', 'sent', 'vm:5884', '2027-03-03 14:00:00', 1, '2027-03-03 14:00:00', NULL, 'm7');
INSERT INTO public.deliveries VALUES (25, 'checkin:9:2027-03-03', 'checkin', 1, 9, '2027-03-04 02:00:00', 'sent', 'vm:5884', '2027-03-04 02:00:00', 1, '2027-03-04 02:00:00', NULL, 'd18');
INSERT INTO public.deliveries VALUES (26, 'checkin:10:2027-03-03', 'checkin', 1, 10, '2027-03-04 02:00:00', 'sent', 'vm:5884', '2027-03-04 02:00:00', 1, '2027-03-04 02:00:00', NULL, 'd19');
INSERT INTO public.deliveries VALUES (27, 'checkin:11:2027-03-03', 'checkin', 1, 11, '2027-03-04 02:00:00', 'sent', 'vm:5884', '2027-03-04 02:00:00', 1, '2027-03-04 02:00:00', NULL, 'd20');
INSERT INTO public.deliveries VALUES (28, 'checkin:12:2027-03-03', 'checkin', 1, 12, '2027-03-04 02:00:00', 'sent', 'vm:5884', '2027-03-04 02:00:00', 1, '2027-03-04 02:00:00', NULL, 'd21');
INSERT INTO public.deliveries VALUES (30, 'checkin-reminder:9:2027-03-03', 'checkin_reminder', 1, 9, '2027-03-04 04:00:00', 'sent', 'vm:5884', '2027-03-04 04:00:00', 1, '2027-03-04 04:00:00', NULL, 'd23');
INSERT INTO public.deliveries VALUES (31, 'checkin-reminder:10:2027-03-03', 'checkin_reminder', 1, 10, '2027-03-04 04:00:00', 'sent', 'vm:5884', '2027-03-04 04:00:00', 1, '2027-03-04 04:00:00', NULL, 'd24');
INSERT INTO public.deliveries VALUES (32, 'checkin-reminder:11:2027-03-03', 'checkin_reminder', 1, 11, '2027-03-04 04:00:00', 'sent', 'vm:5884', '2027-03-04 04:00:00', 1, '2027-03-04 04:00:00', NULL, 'd25');
INSERT INTO public.deliveries VALUES (33, 'checkin-reminder:12:2027-03-03', 'checkin_reminder', 1, 12, '2027-03-04 04:00:00', 'sent', 'vm:5884', '2027-03-04 04:00:00', 1, '2027-03-04 04:00:00', NULL, 'd26');
INSERT INTO public.deliveries VALUES (34, 'prompt:1:2027-03-04', 'prompt', 1, NULL, '2027-03-04 13:00:00', 'sent', 'vm:5884', '2027-03-04 13:00:00', 1, '2027-03-04 13:00:00', NULL, 'm8');
INSERT INTO public.deliveries VALUES (35, 'challenge:1:3', 'challenge', 1, NULL, '2027-03-04 14:00:00', 'sent', 'vm:5884', '2027-03-04 14:00:00', 1, '2027-03-04 14:00:00', NULL, 'm9');
INSERT INTO public.deliveries VALUES (38, 'checkin:9:2027-03-04', 'checkin', 1, 9, '2027-03-05 02:00:00', 'sent', 'vm:5884', '2027-03-05 02:00:00', 1, '2027-03-05 02:00:00', NULL, 'd29');
INSERT INTO public.deliveries VALUES (39, 'checkin:10:2027-03-04', 'checkin', 1, 10, '2027-03-05 02:00:00', 'sent', 'vm:5884', '2027-03-05 02:00:00', 1, '2027-03-05 02:00:00', NULL, 'd30');
INSERT INTO public.deliveries VALUES (40, 'checkin:11:2027-03-04', 'checkin', 1, 11, '2027-03-05 02:00:00', 'sent', 'vm:5884', '2027-03-05 02:00:00', 1, '2027-03-05 02:00:00', NULL, 'd31');
INSERT INTO public.deliveries VALUES (41, 'checkin:12:2027-03-04', 'checkin', 1, 12, '2027-03-05 02:00:00', 'sent', 'vm:5884', '2027-03-05 02:00:00', 1, '2027-03-05 02:00:00', NULL, 'd32');
INSERT INTO public.deliveries VALUES (43, 'checkin-reminder:9:2027-03-04', 'checkin_reminder', 1, 9, '2027-03-05 04:00:00', 'sent', 'vm:5884', '2027-03-05 04:00:00', 1, '2027-03-05 04:00:00', NULL, 'd34');
INSERT INTO public.deliveries VALUES (44, 'checkin-reminder:10:2027-03-04', 'checkin_reminder', 1, 10, '2027-03-05 04:00:00', 'sent', 'vm:5884', '2027-03-05 04:00:00', 1, '2027-03-05 04:00:00', NULL, 'd35');
INSERT INTO public.deliveries VALUES (45, 'checkin-reminder:11:2027-03-04', 'checkin_reminder', 1, 11, '2027-03-05 04:00:00', 'sent', 'vm:5884', '2027-03-05 04:00:00', 1, '2027-03-05 04:00:00', NULL, 'd36');
INSERT INTO public.deliveries VALUES (46, 'checkin-reminder:12:2027-03-04', 'checkin_reminder', 1, 12, '2027-03-05 04:00:00', 'sent', 'vm:5884', '2027-03-05 04:00:00', 1, '2027-03-05 04:00:00', NULL, 'd37');
INSERT INTO public.deliveries VALUES (47, 'prompt:1:2027-03-05', 'prompt', 1, NULL, '2027-03-05 13:00:00', 'sent', 'vm:5884', '2027-03-05 13:00:00', 1, '2027-03-05 13:00:00', NULL, 'm10');
INSERT INTO public.deliveries VALUES (48, 'challenge:1:4', 'challenge', 1, NULL, '2027-03-05 14:00:00', 'sent', 'vm:5884', '2027-03-05 14:00:00', 1, '2027-03-05 14:00:00', NULL, 'm11');
INSERT INTO public.deliveries VALUES (51, 'checkin:9:2027-03-05', 'checkin', 1, 9, '2027-03-06 02:00:00', 'sent', 'vm:5884', '2027-03-06 02:00:00', 1, '2027-03-06 02:00:00', NULL, 'd40');
INSERT INTO public.deliveries VALUES (52, 'checkin:10:2027-03-05', 'checkin', 1, 10, '2027-03-06 02:00:00', 'sent', 'vm:5884', '2027-03-06 02:00:00', 1, '2027-03-06 02:00:00', NULL, 'd41');
INSERT INTO public.deliveries VALUES (53, 'checkin:11:2027-03-05', 'checkin', 1, 11, '2027-03-06 02:00:00', 'sent', 'vm:5884', '2027-03-06 02:00:00', 1, '2027-03-06 02:00:00', NULL, 'd42');
INSERT INTO public.deliveries VALUES (54, 'checkin:12:2027-03-05', 'checkin', 1, 12, '2027-03-06 02:00:00', 'sent', 'vm:5884', '2027-03-06 02:00:00', 1, '2027-03-06 02:00:00', NULL, 'd43');
INSERT INTO public.deliveries VALUES (56, 'checkin-reminder:9:2027-03-05', 'checkin_reminder', 1, 9, '2027-03-06 04:00:00', 'sent', 'vm:5884', '2027-03-06 04:00:00', 1, '2027-03-06 04:00:00', NULL, 'd45');
INSERT INTO public.deliveries VALUES (57, 'checkin-reminder:10:2027-03-05', 'checkin_reminder', 1, 10, '2027-03-06 04:00:00', 'sent', 'vm:5884', '2027-03-06 04:00:00', 1, '2027-03-06 04:00:00', NULL, 'd46');
INSERT INTO public.deliveries VALUES (58, 'checkin-reminder:11:2027-03-05', 'checkin_reminder', 1, 11, '2027-03-06 04:00:00', 'sent', 'vm:5884', '2027-03-06 04:00:00', 1, '2027-03-06 04:00:00', NULL, 'd47');
INSERT INTO public.deliveries VALUES (59, 'checkin-reminder:12:2027-03-05', 'checkin_reminder', 1, 12, '2027-03-06 04:00:00', 'sent', 'vm:5884', '2027-03-06 04:00:00', 1, '2027-03-06 04:00:00', NULL, 'd48');
INSERT INTO public.deliveries VALUES (60, 'prompt:1:2027-03-06', 'prompt', 1, NULL, '2027-03-06 13:00:00', 'sent', 'vm:5884', '2027-03-06 13:00:00', 1, '2027-03-06 13:00:00', NULL, 'm12');
INSERT INTO public.deliveries VALUES (61, 'challenge:1:5', 'challenge', 1, NULL, '2027-03-06 14:00:00', 'sent', 'vm:5884', '2027-03-06 14:00:00', 1, '2027-03-06 14:00:00', NULL, 'm13');
INSERT INTO public.deliveries VALUES (64, 'checkin:9:2027-03-06', 'checkin', 1, 9, '2027-03-07 02:00:00', 'sent', 'vm:5884', '2027-03-07 02:00:00', 1, '2027-03-07 02:00:00', NULL, 'd51');
INSERT INTO public.deliveries VALUES (65, 'checkin:10:2027-03-06', 'checkin', 1, 10, '2027-03-07 02:00:00', 'sent', 'vm:5884', '2027-03-07 02:00:00', 1, '2027-03-07 02:00:00', NULL, 'd52');
INSERT INTO public.deliveries VALUES (66, 'checkin:11:2027-03-06', 'checkin', 1, 11, '2027-03-07 02:00:00', 'sent', 'vm:5884', '2027-03-07 02:00:00', 1, '2027-03-07 02:00:00', NULL, 'd53');
INSERT INTO public.deliveries VALUES (67, 'checkin:12:2027-03-06', 'checkin', 1, 12, '2027-03-07 02:00:00', 'sent', 'vm:5884', '2027-03-07 02:00:00', 1, '2027-03-07 02:00:00', NULL, 'd54');
INSERT INTO public.deliveries VALUES (69, 'checkin-reminder:9:2027-03-06', 'checkin_reminder', 1, 9, '2027-03-07 04:00:00', 'sent', 'vm:5884', '2027-03-07 04:00:00', 1, '2027-03-07 04:00:00', NULL, 'd56');
INSERT INTO public.deliveries VALUES (70, 'checkin-reminder:10:2027-03-06', 'checkin_reminder', 1, 10, '2027-03-07 04:00:00', 'sent', 'vm:5884', '2027-03-07 04:00:00', 1, '2027-03-07 04:00:00', NULL, 'd57');
INSERT INTO public.deliveries VALUES (71, 'checkin-reminder:11:2027-03-06', 'checkin_reminder', 1, 11, '2027-03-07 04:00:00', 'sent', 'vm:5884', '2027-03-07 04:00:00', 1, '2027-03-07 04:00:00', NULL, 'd58');
INSERT INTO public.deliveries VALUES (72, 'checkin-reminder:12:2027-03-06', 'checkin_reminder', 1, 12, '2027-03-07 04:00:00', 'sent', 'vm:5884', '2027-03-07 04:00:00', 1, '2027-03-07 04:00:00', NULL, 'd59');
INSERT INTO public.deliveries VALUES (73, 'prompt:1:2027-03-07', 'prompt', 1, NULL, '2027-03-07 13:00:00', 'sent', 'vm:5884', '2027-03-07 13:00:00', 1, '2027-03-07 13:00:00', NULL, 'm14');
INSERT INTO public.deliveries VALUES (74, 'challenge:1:6', 'challenge', 1, NULL, '2027-03-07 14:00:00', 'sent', 'vm:5884', '2027-03-07 14:00:00', 1, '2027-03-07 14:00:00', NULL, 'm15');
INSERT INTO public.deliveries VALUES (76, 'reflection:1:2027-03-07', 'reflection', 1, NULL, '2027-03-07 23:00:00', 'sent', 'vm:5884', '2027-03-07 23:00:00', 1, '2027-03-07 23:00:00', NULL, 'm16');
INSERT INTO public.deliveries VALUES (78, 'checkin:9:2027-03-07', 'checkin', 1, 9, '2027-03-08 02:00:00', 'sent', 'vm:5884', '2027-03-08 02:00:00', 1, '2027-03-08 02:00:00', NULL, 'd62');
INSERT INTO public.deliveries VALUES (79, 'checkin:10:2027-03-07', 'checkin', 1, 10, '2027-03-08 02:00:00', 'sent', 'vm:5884', '2027-03-08 02:00:00', 1, '2027-03-08 02:00:00', NULL, 'd63');
INSERT INTO public.deliveries VALUES (80, 'checkin:11:2027-03-07', 'checkin', 1, 11, '2027-03-08 02:00:00', 'sent', 'vm:5884', '2027-03-08 02:00:00', 1, '2027-03-08 02:00:00', NULL, 'd64');
INSERT INTO public.deliveries VALUES (81, 'checkin:12:2027-03-07', 'checkin', 1, 12, '2027-03-08 02:00:00', 'sent', 'vm:5884', '2027-03-08 02:00:00', 1, '2027-03-08 02:00:00', NULL, 'd65');
INSERT INTO public.deliveries VALUES (83, 'checkin-reminder:9:2027-03-07', 'checkin_reminder', 1, 9, '2027-03-08 04:00:00', 'sent', 'vm:5884', '2027-03-08 04:00:00', 1, '2027-03-08 04:00:00', NULL, 'd67');
INSERT INTO public.deliveries VALUES (84, 'checkin-reminder:10:2027-03-07', 'checkin_reminder', 1, 10, '2027-03-08 04:00:00', 'sent', 'vm:5884', '2027-03-08 04:00:00', 1, '2027-03-08 04:00:00', NULL, 'd68');
INSERT INTO public.deliveries VALUES (85, 'checkin-reminder:11:2027-03-07', 'checkin_reminder', 1, 11, '2027-03-08 04:00:00', 'sent', 'vm:5884', '2027-03-08 04:00:00', 1, '2027-03-08 04:00:00', NULL, 'd69');
INSERT INTO public.deliveries VALUES (86, 'checkin-reminder:12:2027-03-07', 'checkin_reminder', 1, 12, '2027-03-08 04:00:00', 'sent', 'vm:5884', '2027-03-08 04:00:00', 1, '2027-03-08 04:00:00', NULL, 'd70');
INSERT INTO public.deliveries VALUES (87, 'prompt:1:2027-03-08', 'prompt', 1, NULL, '2027-03-08 13:00:00', 'sent', 'vm:5884', '2027-03-08 13:00:00', 1, '2027-03-08 13:00:00', NULL, 'm17');
INSERT INTO public.deliveries VALUES (88, 'challenge:1:7', 'challenge', 1, NULL, '2027-03-08 14:00:00', 'sent', 'vm:5884', '2027-03-08 14:00:00', 1, '2027-03-08 14:00:00', NULL, 'm18');
INSERT INTO public.deliveries VALUES (91, 'checkin:9:2027-03-08', 'checkin', 1, 9, '2027-03-09 02:00:00', 'sent', 'vm:5884', '2027-03-09 02:00:00', 1, '2027-03-09 02:00:00', NULL, 'd73');
INSERT INTO public.deliveries VALUES (92, 'checkin:10:2027-03-08', 'checkin', 1, 10, '2027-03-09 02:00:00', 'sent', 'vm:5884', '2027-03-09 02:00:00', 1, '2027-03-09 02:00:00', NULL, 'd74');
INSERT INTO public.deliveries VALUES (93, 'checkin:11:2027-03-08', 'checkin', 1, 11, '2027-03-09 02:00:00', 'sent', 'vm:5884', '2027-03-09 02:00:00', 1, '2027-03-09 02:00:00', NULL, 'd75');
INSERT INTO public.deliveries VALUES (94, 'checkin:12:2027-03-08', 'checkin', 1, 12, '2027-03-09 02:00:00', 'sent', 'vm:5884', '2027-03-09 02:00:00', 1, '2027-03-09 02:00:00', NULL, 'd76');
INSERT INTO public.deliveries VALUES (96, 'checkin-reminder:9:2027-03-08', 'checkin_reminder', 1, 9, '2027-03-09 04:00:00', 'sent', 'vm:5884', '2027-03-09 04:00:00', 1, '2027-03-09 04:00:00', NULL, 'd78');
INSERT INTO public.deliveries VALUES (97, 'checkin-reminder:10:2027-03-08', 'checkin_reminder', 1, 10, '2027-03-09 04:00:00', 'sent', 'vm:5884', '2027-03-09 04:00:00', 1, '2027-03-09 04:00:00', NULL, 'd79');
INSERT INTO public.deliveries VALUES (98, 'checkin-reminder:11:2027-03-08', 'checkin_reminder', 1, 11, '2027-03-09 04:00:00', 'sent', 'vm:5884', '2027-03-09 04:00:00', 1, '2027-03-09 04:00:00', NULL, 'd80');
INSERT INTO public.deliveries VALUES (99, 'checkin-reminder:12:2027-03-08', 'checkin_reminder', 1, 12, '2027-03-09 04:00:00', 'sent', 'vm:5884', '2027-03-09 04:00:00', 1, '2027-03-09 04:00:00', NULL, 'd81');
INSERT INTO public.deliveries VALUES (100, 'prompt:1:2027-03-09', 'prompt', 1, NULL, '2027-03-09 13:00:00', 'sent', 'vm:5884', '2027-03-09 13:00:00', 1, '2027-03-09 13:00:00', NULL, 'm19');
INSERT INTO public.deliveries VALUES (101, 'challenge:1:8', 'challenge', 1, NULL, '2027-03-09 14:00:00', 'sent', 'vm:5884', '2027-03-09 14:00:00', 1, '2027-03-09 14:00:00', NULL, 'm20');
INSERT INTO public.deliveries VALUES (103, 'reflection-close:1', 'reflection_close', 1, NULL, '2027-03-09 23:00:00', 'sent', 'vm:5884', '2027-03-09 23:00:00', 1, '2027-03-09 23:00:00', NULL, 't9');
INSERT INTO public.deliveries VALUES (104, 'checkin:9:2027-03-09', 'checkin', 1, 9, '2027-03-10 02:00:00', 'sent', 'vm:5884', '2027-03-10 02:00:00', 1, '2027-03-10 02:00:00', NULL, 'd83');
INSERT INTO public.deliveries VALUES (105, 'checkin:10:2027-03-09', 'checkin', 1, 10, '2027-03-10 02:00:00', 'sent', 'vm:5884', '2027-03-10 02:00:00', 1, '2027-03-10 02:00:00', NULL, 'd84');
INSERT INTO public.deliveries VALUES (106, 'checkin:11:2027-03-09', 'checkin', 1, 11, '2027-03-10 02:00:00', 'sent', 'vm:5884', '2027-03-10 02:00:00', 1, '2027-03-10 02:00:00', NULL, 'd85');
INSERT INTO public.deliveries VALUES (107, 'checkin:12:2027-03-09', 'checkin', 1, 12, '2027-03-10 02:00:00', 'abandoned', 'vm:5884', '2027-03-10 02:00:00', 1, NULL, 'forbidden: erin does not accept DMs', NULL);
INSERT INTO public.deliveries VALUES (108, 'checkin-reminder:9:2027-03-09', 'checkin_reminder', 1, 9, '2027-03-10 04:00:00', 'sent', 'vm:5884', '2027-03-10 04:00:00', 1, '2027-03-10 04:00:00', NULL, 'd86');
INSERT INTO public.deliveries VALUES (109, 'checkin-reminder:10:2027-03-09', 'checkin_reminder', 1, 10, '2027-03-10 04:00:00', 'sent', 'vm:5884', '2027-03-10 04:00:00', 1, '2027-03-10 04:00:00', NULL, 'd87');
INSERT INTO public.deliveries VALUES (110, 'checkin-reminder:11:2027-03-09', 'checkin_reminder', 1, 11, '2027-03-10 04:00:00', 'sent', 'vm:5884', '2027-03-10 04:00:00', 1, '2027-03-10 04:00:00', NULL, 'd88');
INSERT INTO public.deliveries VALUES (111, 'prompt:1:2027-03-10', 'prompt', 1, NULL, '2027-03-10 13:00:00', 'sent', 'vm:5884', '2027-03-10 13:00:00', 1, '2027-03-10 13:00:00', NULL, 'm22');
INSERT INTO public.deliveries VALUES (112, 'challenge:1:9', 'challenge', 1, NULL, '2027-03-10 14:00:00', 'sent', 'vm:5884', '2027-03-10 14:00:00', 1, '2027-03-10 14:00:00', NULL, 'm23');
INSERT INTO public.deliveries VALUES (114, 'checkin:9:2027-03-10', 'checkin', 1, 9, '2027-03-11 02:00:00', 'sent', 'vm:5884', '2027-03-11 02:00:00', 1, '2027-03-11 02:00:00', NULL, 'd90');
INSERT INTO public.deliveries VALUES (115, 'checkin:10:2027-03-10', 'checkin', 1, 10, '2027-03-11 02:00:00', 'sent', 'vm:5884', '2027-03-11 02:00:00', 1, '2027-03-11 02:00:00', NULL, 'd91');
INSERT INTO public.deliveries VALUES (116, 'checkin:11:2027-03-10', 'checkin', 1, 11, '2027-03-11 02:00:00', 'sent', 'vm:5884', '2027-03-11 02:00:00', 1, '2027-03-11 02:00:00', NULL, 'd92');
INSERT INTO public.deliveries VALUES (117, 'checkin-reminder:9:2027-03-10', 'checkin_reminder', 1, 9, '2027-03-11 04:00:00', 'sent', 'vm:5884', '2027-03-11 04:00:00', 1, '2027-03-11 04:00:00', NULL, 'd93');
INSERT INTO public.deliveries VALUES (118, 'checkin-reminder:10:2027-03-10', 'checkin_reminder', 1, 10, '2027-03-11 04:00:00', 'sent', 'vm:5884', '2027-03-11 04:00:00', 1, '2027-03-11 04:00:00', NULL, 'd94');
INSERT INTO public.deliveries VALUES (119, 'checkin-reminder:11:2027-03-10', 'checkin_reminder', 1, 11, '2027-03-11 04:00:00', 'sent', 'vm:5884', '2027-03-11 04:00:00', 1, '2027-03-11 04:00:00', NULL, 'd95');
INSERT INTO public.deliveries VALUES (120, 'prompt:1:2027-03-11', 'prompt', 1, NULL, '2027-03-11 13:00:00', 'sent', 'vm:5884', '2027-03-11 13:00:00', 1, '2027-03-11 13:00:00', NULL, 'm24');
INSERT INTO public.deliveries VALUES (121, 'challenge:1:summary', 'challenge', 1, NULL, '2027-03-11 14:00:00', 'sent', 'vm:5884', '2027-03-11 14:00:00', 1, '2027-03-11 14:00:00', NULL, 'm25');
INSERT INTO public.deliveries VALUES (122, 'checkin:9:2027-03-11', 'checkin', 1, 9, '2027-03-12 02:00:00', 'sent', 'vm:5884', '2027-03-12 02:00:00', 1, '2027-03-12 02:00:00', NULL, 'd96');
INSERT INTO public.deliveries VALUES (123, 'checkin:10:2027-03-11', 'checkin', 1, 10, '2027-03-12 02:00:00', 'sent', 'vm:5884', '2027-03-12 02:00:00', 1, '2027-03-12 02:00:00', NULL, 'd97');
INSERT INTO public.deliveries VALUES (124, 'checkin:11:2027-03-11', 'checkin', 1, 11, '2027-03-12 02:00:00', 'sent', 'vm:5884', '2027-03-12 02:00:00', 1, '2027-03-12 02:00:00', NULL, 'd98');
INSERT INTO public.deliveries VALUES (125, 'checkin-reminder:9:2027-03-11', 'checkin_reminder', 1, 9, '2027-03-12 04:00:00', 'sent', 'vm:5884', '2027-03-12 04:00:00', 1, '2027-03-12 04:00:00', NULL, 'd99');
INSERT INTO public.deliveries VALUES (126, 'checkin-reminder:10:2027-03-11', 'checkin_reminder', 1, 10, '2027-03-12 04:00:00', 'sent', 'vm:5884', '2027-03-12 04:00:00', 1, '2027-03-12 04:00:00', NULL, 'd100');
INSERT INTO public.deliveries VALUES (127, 'checkin-reminder:11:2027-03-11', 'checkin_reminder', 1, 11, '2027-03-12 04:00:00', 'sent', 'vm:5884', '2027-03-12 04:00:00', 1, '2027-03-12 04:00:00', NULL, 'd101');
INSERT INTO public.deliveries VALUES (128, 'prompt:1:2027-03-12', 'prompt', 1, NULL, '2027-03-12 13:00:00', 'sent', 'vm:5884', '2027-03-12 13:00:00', 1, '2027-03-12 13:00:00', NULL, 'm26');
INSERT INTO public.deliveries VALUES (130, 'checkin:9:2027-03-12', 'checkin', 1, 9, '2027-03-13 02:00:00', 'sent', 'vm:5884', '2027-03-13 02:00:00', 1, '2027-03-13 02:00:00', NULL, 'd103');
INSERT INTO public.deliveries VALUES (131, 'checkin:10:2027-03-12', 'checkin', 1, 10, '2027-03-13 02:00:00', 'sent', 'vm:5884', '2027-03-13 02:00:00', 1, '2027-03-13 02:00:00', NULL, 'd104');
INSERT INTO public.deliveries VALUES (132, 'checkin:11:2027-03-12', 'checkin', 1, 11, '2027-03-13 02:00:00', 'sent', 'vm:5884', '2027-03-13 02:00:00', 1, '2027-03-13 02:00:00', NULL, 'd105');
INSERT INTO public.deliveries VALUES (133, 'checkin-reminder:9:2027-03-12', 'checkin_reminder', 1, 9, '2027-03-13 04:00:00', 'sent', 'vm:5884', '2027-03-13 04:00:00', 1, '2027-03-13 04:00:00', NULL, 'd106');
INSERT INTO public.deliveries VALUES (134, 'checkin-reminder:10:2027-03-12', 'checkin_reminder', 1, 10, '2027-03-13 04:00:00', 'sent', 'vm:5884', '2027-03-13 04:00:00', 1, '2027-03-13 04:00:00', NULL, 'd107');
INSERT INTO public.deliveries VALUES (135, 'checkin-reminder:11:2027-03-12', 'checkin_reminder', 1, 11, '2027-03-13 04:00:00', 'sent', 'vm:5884', '2027-03-13 04:00:00', 1, '2027-03-13 04:00:00', NULL, 'd108');
INSERT INTO public.deliveries VALUES (136, 'prompt:1:2027-03-13', 'prompt', 1, NULL, '2027-03-13 13:00:00', 'sent', 'vm:5884', '2027-03-13 13:00:00', 1, '2027-03-13 13:00:00', NULL, 'm27');
INSERT INTO public.deliveries VALUES (138, 'checkin:9:2027-03-13', 'checkin', 1, 9, '2027-03-14 02:00:00', 'sent', 'vm:5884', '2027-03-14 02:00:00', 1, '2027-03-14 02:00:00', NULL, 'd110');
INSERT INTO public.deliveries VALUES (139, 'checkin:10:2027-03-13', 'checkin', 1, 10, '2027-03-14 02:00:00', 'sent', 'vm:5884', '2027-03-14 02:00:00', 1, '2027-03-14 02:00:00', NULL, 'd111');
INSERT INTO public.deliveries VALUES (140, 'checkin:11:2027-03-13', 'checkin', 1, 11, '2027-03-14 02:00:00', 'sent', 'vm:5884', '2027-03-14 02:00:00', 1, '2027-03-14 02:00:00', NULL, 'd112');
INSERT INTO public.deliveries VALUES (141, 'checkin-reminder:9:2027-03-13', 'checkin_reminder', 1, 9, '2027-03-14 04:00:00', 'sent', 'vm:5884', '2027-03-14 04:00:00', 1, '2027-03-14 04:00:00', NULL, 'd113');
INSERT INTO public.deliveries VALUES (142, 'checkin-reminder:10:2027-03-13', 'checkin_reminder', 1, 10, '2027-03-14 04:00:00', 'sent', 'vm:5884', '2027-03-14 04:00:00', 1, '2027-03-14 04:00:00', NULL, 'd114');
INSERT INTO public.deliveries VALUES (143, 'checkin-reminder:11:2027-03-13', 'checkin_reminder', 1, 11, '2027-03-14 04:00:00', 'sent', 'vm:5884', '2027-03-14 04:00:00', 1, '2027-03-14 04:00:00', NULL, 'd115');
INSERT INTO public.deliveries VALUES (144, 'prompt:1:2027-03-14', 'prompt', 1, NULL, '2027-03-14 12:00:00', 'sent', 'vm:5884', '2027-03-14 12:00:00', 1, '2027-03-14 12:00:00', NULL, 'm28');
INSERT INTO public.deliveries VALUES (145, 'reflection:1:2027-03-14', 'reflection', 1, NULL, '2027-03-14 22:00:00', 'sent', 'vm:5884', '2027-03-14 22:00:00', 1, '2027-03-14 22:00:00', NULL, 'm29');
INSERT INTO public.kv VALUES ('sandbox:clock', '2027-03-14T23:00:00+00:00');
INSERT INTO public.kv VALUES ('sandbox:world', '{"channels": ["general", "daily-prompts", "reflections", "challenges"], "counters": {"d": 115, "m": 29, "t": 17}, "me": "alice", "threads": {"t1": {"archived": false, "channel": "daily-prompts", "parent": "m2", "ref": "t1", "title": "01 Mar \u00b7 What is one thing that helps you feel relaxed enough to be yourself a\u2026"}, "t10": {"archived": false, "channel": "daily-prompts", "parent": "m17", "ref": "t10", "title": "08 Mar \u00b7 Why do you think small white lies feel so tempting?"}, "t11": {"archived": false, "channel": "daily-prompts", "parent": "m19", "ref": "t11", "title": "09 Mar \u00b7 What makes an apology feel genuine to you?"}, "t12": {"archived": false, "channel": "daily-prompts", "parent": "m22", "ref": "t12", "title": "10 Mar \u00b7 What is a small moment of connection that fits into a busy day?"}, "t13": {"archived": false, "channel": "daily-prompts", "parent": "m24", "ref": "t13", "title": "11 Mar \u00b7 How do you bring up a touchy subject without it turning into a fight?"}, "t14": {"archived": false, "channel": "daily-prompts", "parent": "m26", "ref": "t14", "title": "12 Mar \u00b7 What helps you feel calm enough to say what you need?"}, "t15": {"archived": false, "channel": "daily-prompts", "parent": "m27", "ref": "t15", "title": "13 Mar \u00b7 What do you think holds people back from asking for help with their r\u2026"}, "t16": {"archived": false, "channel": "daily-prompts", "parent": "m28", "ref": "t16", "title": "14 Mar \u00b7 Think of a time someone listened to you without judging. What did the\u2026"}, "t17": {"archived": false, "channel": "daily-prompts", "parent": "m29", "ref": "t17", "title": "Weekly reflection \u00b7 14 Mar \u00b7 Safe to be open"}, "t2": {"archived": false, "channel": "daily-prompts", "parent": "m3", "ref": "t2", "title": "02 Mar \u00b7 What does being trustworthy look like in everyday life, beyond the bi\u2026"}, "t3": {"archived": false, "channel": "challenges", "parent": "m4", "ref": "t3", "title": "Challenge: Nine steps in nine days"}, "t4": {"archived": false, "channel": "daily-prompts", "parent": "m6", "ref": "t4", "title": "03 Mar \u00b7 Why do you think asking someone to trust us can sometimes backfire?"}, "t5": {"archived": false, "channel": "daily-prompts", "parent": "m8", "ref": "t5", "title": "04 Mar \u00b7 What makes a place feel like a refuge to you?"}, "t6": {"archived": false, "channel": "daily-prompts", "parent": "m10", "ref": "t6", "title": "05 Mar \u00b7 What is one small promise that, when it''s kept, makes a big differenc\u2026"}, "t7": {"archived": false, "channel": "daily-prompts", "parent": "m12", "ref": "t7", "title": "06 Mar \u00b7 What is one everyday sign that someone respects you?"}, "t8": {"archived": false, "channel": "daily-prompts", "parent": "m14", "ref": "t8", "title": "07 Mar \u00b7 What are two values you hold that sometimes pull in different directi\u2026"}, "t9": {"archived": true, "channel": "daily-prompts", "parent": "m16", "ref": "t9", "title": "Weekly reflection \u00b7 07 Mar \u00b7 Step 6: Focus on connection"}}, "users": {"alice": {"admin": false, "name": "alice", "roles": []}, "bob": {"admin": false, "name": "bob", "roles": []}, "carol": {"admin": false, "name": "carol", "roles": []}, "dan": {"admin": false, "name": "dan", "roles": []}, "erin": {"admin": false, "name": "erin", "roles": []}, "mona": {"admin": false, "name": "mona", "roles": ["moderators"]}, "owner": {"admin": true, "name": "owner", "roles": []}}, "where_channel": "daily-prompts", "where_kind": "thread", "where_thread": "t1"}');
INSERT INTO public.member_prefs VALUES (12, '{"notice_shown": true}');
INSERT INTO public.members VALUES (1, 'sandbox', 'owner', 'owner', false, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (5, 'sandbox', 'mona', 'mona', false, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (9, 'sandbox', 'bob', 'bob', false, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (10, 'sandbox', 'carol', 'carol', false, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (11, 'sandbox', 'dan', 'dan', false, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (12, 'sandbox', 'erin', 'erin', true, '2027-03-01 12:00:00');
INSERT INTO public.members VALUES (52, 'sandbox', 'alice', 'alice', false, '2027-03-14 23:00:00');
INSERT INTO public.prompt_posts VALUES (1, 1, 'safe-to-be-open-prompt-1', 1, 'posted', '2027-03-01', '2027-03-01 13:00:00', 'm2', 't1');
INSERT INTO public.prompt_posts VALUES (2, 1, 'commit-to-trustworthiness-prompt-1', 1, 'posted', '2027-03-02', '2027-03-02 13:00:00', 'm3', 't2');
INSERT INTO public.prompt_posts VALUES (3, 1, 'do-not-demand-trust-prompt-1', 1, 'posted', '2027-03-03', '2027-03-03 13:00:00', 'm6', 't4');
INSERT INTO public.prompt_posts VALUES (4, 1, 'safe-harbour-prompt-1', 1, 'posted', '2027-03-04', '2027-03-04 13:00:00', 'm8', 't5');
INSERT INTO public.prompt_posts VALUES (5, 1, 'align-words-and-actions-prompt-1', 1, 'posted', '2027-03-05', '2027-03-05 13:00:00', 'm10', 't6');
INSERT INTO public.prompt_posts VALUES (6, 1, 'show-respect-prompt-1', 1, 'posted', '2027-03-06', '2027-03-06 13:00:00', 'm12', 't7');
INSERT INTO public.prompt_posts VALUES (7, 1, 'honour-both-values-prompt-1', 1, 'posted', '2027-03-07', '2027-03-07 13:00:00', 'm14', 't8');
INSERT INTO public.prompt_posts VALUES (8, 1, 'be-honest-prompt-1', 1, 'posted', '2027-03-08', '2027-03-08 13:00:00', 'm17', 't10');
INSERT INTO public.prompt_posts VALUES (9, 1, 'say-sorry-prompt-1', 1, 'posted', '2027-03-09', '2027-03-09 13:00:00', 'm19', 't11');
INSERT INTO public.prompt_posts VALUES (10, 1, 'focus-on-connection-prompt-1', 1, 'posted', '2027-03-10', '2027-03-10 13:00:00', 'm22', 't12');
INSERT INTO public.prompt_posts VALUES (11, 1, 'have-a-conversation-prompt-1', 1, 'posted', '2027-03-11', '2027-03-11 13:00:00', 'm24', 't13');
INSERT INTO public.prompt_posts VALUES (12, 1, 'create-emotional-safety-prompt-1', 1, 'posted', '2027-03-12', '2027-03-12 13:00:00', 'm26', 't14');
INSERT INTO public.prompt_posts VALUES (13, 1, 'attend-therapy-prompt-1', 1, 'posted', '2027-03-13', '2027-03-13 13:00:00', 'm27', 't15');
INSERT INTO public.prompt_posts VALUES (14, 1, 'safe-to-be-open-prompt-2', 1, 'posted', '2027-03-14', '2027-03-14 12:00:00', 'm28', 't16');
INSERT INTO public.reflections VALUES (1, 1, '2027-03-01', '2027-03-07', 'focus-on-connection', 'peer', 'closed', 'daily-prompts', 'm16', 't9', '2027-03-07 23:00:00', '2027-03-09 23:00:00', '2027-03-09 23:00:00', 'm21', 0);
INSERT INTO public.reflections VALUES (2, 1, '2027-03-08', '2027-03-14', 'safe-to-be-open', 'rotation', 'open', 'daily-prompts', 'm29', 't17', '2027-03-14 22:00:00', '2027-03-16 22:00:00', NULL, NULL, 0);
INSERT INTO public.schedules VALUES (1, 1, 'prompt', 'daily-prompts', 'daily-prompts', 'America/New_York', '08:00', 127, false, '2027-03-15 12:00:00', '2027-03-01 12:00:00');
INSERT INTO public.schedules VALUES (2, 1, 'reflection', 'daily-prompts', 'daily-prompts', 'America/New_York', '18:00', 64, false, '2027-03-21 22:00:00', '2027-03-01 12:00:00');
INSERT INTO public.tip_history VALUES (1, 12, 'say-sorry-tip-3', '2027-03-01 12:00:00');
INSERT INTO public.tip_history VALUES (2, 12, 'say-sorry-tip-1', '2027-03-01 12:00:00');
INSERT INTO public.tip_history VALUES (3, 12, 'create-emotional-safety-tip-1', '2027-03-01 12:00:00');
SELECT pg_catalog.setval('public.challenge_runs_id_seq', 1, true);
SELECT pg_catalog.setval('public.checkin_answers_id_seq', 21, true);
SELECT pg_catalog.setval('public.checkin_subscriptions_id_seq', 5, true);
SELECT pg_catalog.setval('public.checkins_id_seq', 58, true);
SELECT pg_catalog.setval('public.communities_id_seq', 26, true);
SELECT pg_catalog.setval('public.deliveries_id_seq', 145, true);
SELECT pg_catalog.setval('public.members_id_seq', 52, true);
SELECT pg_catalog.setval('public.participation_id_seq', 1, true);
SELECT pg_catalog.setval('public.prompt_posts_id_seq', 14, true);
SELECT pg_catalog.setval('public.reflections_id_seq', 2, true);
SELECT pg_catalog.setval('public.schedules_id_seq', 2, true);
SELECT pg_catalog.setval('public.tip_history_id_seq', 3, true);
ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);
ALTER TABLE ONLY public.challenge_runs
    ADD CONSTRAINT challenge_runs_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.checkin_answers
    ADD CONSTRAINT checkin_answers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.checkin_subscriptions
    ADD CONSTRAINT checkin_subscriptions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.checkins
    ADD CONSTRAINT checkins_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.communities
    ADD CONSTRAINT communities_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.community_members
    ADD CONSTRAINT community_members_pkey PRIMARY KEY (community_id, member_id);
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_key_key UNIQUE (key);
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.kv
    ADD CONSTRAINT kv_pkey PRIMARY KEY (key);
ALTER TABLE ONLY public.member_prefs
    ADD CONSTRAINT member_prefs_pkey PRIMARY KEY (member_id);
ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.participation
    ADD CONSTRAINT participation_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.challenge_days
    ADD CONSTRAINT pk_challenge_days PRIMARY KEY (run_id, day);
ALTER TABLE ONLY public.challenge_members
    ADD CONSTRAINT pk_challenge_members PRIMARY KEY (run_id, member_id);
ALTER TABLE ONLY public.challenge_progress
    ADD CONSTRAINT pk_challenge_progress PRIMARY KEY (run_id, member_id, day);
ALTER TABLE ONLY public.prompt_posts
    ADD CONSTRAINT prompt_posts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.reflections
    ADD CONSTRAINT reflections_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.tip_history
    ADD CONSTRAINT tip_history_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.checkin_answers
    ADD CONSTRAINT uq_checkin_answers_question UNIQUE (checkin_id, question_id);
ALTER TABLE ONLY public.checkin_subscriptions
    ADD CONSTRAINT uq_checkin_subscriptions_member UNIQUE (member_id);
ALTER TABLE ONLY public.checkins
    ADD CONSTRAINT uq_checkins_member_date UNIQUE (member_id, local_date);
ALTER TABLE ONLY public.communities
    ADD CONSTRAINT uq_communities_platform_external UNIQUE (platform, external_id);
ALTER TABLE ONLY public.members
    ADD CONSTRAINT uq_members_platform_external UNIQUE (platform, external_id);
ALTER TABLE ONLY public.participation
    ADD CONSTRAINT uq_participation_post_member UNIQUE (prompt_post_id, member_id);
ALTER TABLE ONLY public.reflections
    ADD CONSTRAINT uq_reflections_community_week UNIQUE (community_id, week_start);
ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT uq_schedules_community_kind UNIQUE (community_id, kind);
CREATE INDEX ix_challenge_members_member ON public.challenge_members USING btree (member_id);
CREATE INDEX ix_challenge_progress_member ON public.challenge_progress USING btree (member_id);
CREATE INDEX ix_challenge_runs_community ON public.challenge_runs USING btree (community_id, status);
CREATE INDEX ix_challenge_runs_due ON public.challenge_runs USING btree (next_run_at);
CREATE INDEX ix_checkin_subscriptions_community ON public.checkin_subscriptions USING btree (community_id);
CREATE INDEX ix_checkin_subscriptions_due ON public.checkin_subscriptions USING btree (next_due_at);
CREATE INDEX ix_checkins_community_week ON public.checkins USING btree (community_id, scheduled_for);
CREATE INDEX ix_checkins_remind ON public.checkins USING btree (remind_at);
CREATE INDEX ix_participation_member ON public.participation USING btree (member_id, community_id);
CREATE INDEX ix_prompt_posts_cycle ON public.prompt_posts USING btree (community_id, cycle);
CREATE INDEX ix_prompt_posts_thread ON public.prompt_posts USING btree (community_id, thread_ref);
CREATE INDEX ix_reflections_close_at ON public.reflections USING btree (close_at);
CREATE INDEX ix_reflections_thread ON public.reflections USING btree (community_id, thread_ref);
CREATE INDEX ix_schedules_due ON public.schedules USING btree (next_run_at);
CREATE INDEX ix_tip_history_member ON public.tip_history USING btree (member_id, id);
ALTER TABLE ONLY public.challenge_days
    ADD CONSTRAINT challenge_days_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.challenge_runs(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_members
    ADD CONSTRAINT challenge_members_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_members
    ADD CONSTRAINT challenge_members_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_members
    ADD CONSTRAINT challenge_members_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.challenge_runs(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_progress
    ADD CONSTRAINT challenge_progress_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_progress
    ADD CONSTRAINT challenge_progress_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.challenge_runs(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.challenge_runs
    ADD CONSTRAINT challenge_runs_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.checkin_answers
    ADD CONSTRAINT checkin_answers_checkin_id_fkey FOREIGN KEY (checkin_id) REFERENCES public.checkins(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.checkin_subscriptions
    ADD CONSTRAINT checkin_subscriptions_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.checkin_subscriptions
    ADD CONSTRAINT checkin_subscriptions_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.checkins
    ADD CONSTRAINT checkins_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.checkins
    ADD CONSTRAINT checkins_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.community_members
    ADD CONSTRAINT community_members_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.community_members
    ADD CONSTRAINT community_members_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.member_prefs
    ADD CONSTRAINT member_prefs_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.participation
    ADD CONSTRAINT participation_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.participation
    ADD CONSTRAINT participation_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.participation
    ADD CONSTRAINT participation_prompt_post_id_fkey FOREIGN KEY (prompt_post_id) REFERENCES public.prompt_posts(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.prompt_posts
    ADD CONSTRAINT prompt_posts_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.reflections
    ADD CONSTRAINT reflections_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_community_id_fkey FOREIGN KEY (community_id) REFERENCES public.communities(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.tip_history
    ADD CONSTRAINT tip_history_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id) ON DELETE CASCADE;
