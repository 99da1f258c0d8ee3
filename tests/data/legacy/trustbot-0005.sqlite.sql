PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('0005');
CREATE TABLE communities (
	id INTEGER NOT NULL, 
	platform VARCHAR(20) NOT NULL, 
	external_id VARCHAR(100) NOT NULL, 
	name VARCHAR(200) DEFAULT '' NOT NULL, 
	timezone VARCHAR(64), 
	moderator_role VARCHAR(100), 
	settings TEXT DEFAULT '{}' NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_communities_platform_external UNIQUE (platform, external_id)
);
INSERT INTO communities VALUES(1,'sandbox','sandbox','','America/New_York','moderators','{"safety_resources": [{"country": "US", "name": "Riverside Counselling Line", "phone": "555 0100", "sms": null, "url": null}], "welcomed": true}','2027-03-01 12:00:00.000000');
CREATE TABLE members (
	id INTEGER NOT NULL, 
	platform VARCHAR(20) NOT NULL, 
	external_id VARCHAR(100) NOT NULL, 
	display_name VARCHAR(200) DEFAULT '' NOT NULL, 
	dm_blocked BOOLEAN DEFAULT 0 NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_members_platform_external UNIQUE (platform, external_id)
);
INSERT INTO members VALUES(1,'sandbox','owner','owner',0,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(2,'sandbox','mona','mona',0,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(4,'sandbox','bob','bob',0,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(5,'sandbox','carol','carol',0,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(6,'sandbox','dan','dan',0,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(7,'sandbox','erin','erin',1,'2027-03-01 12:00:00.000000');
INSERT INTO members VALUES(8,'sandbox','alice','alice',0,'2027-03-14 23:00:00.000000');
CREATE TABLE community_members (
	community_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	first_seen DATETIME NOT NULL, 
	last_seen DATETIME NOT NULL, 
	PRIMARY KEY (community_id, member_id), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE
);
INSERT INTO community_members VALUES(1,1,'2027-03-01 12:00:00.000000','2027-03-08 00:00:00.000000');
INSERT INTO community_members VALUES(1,2,'2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO community_members VALUES(1,4,'2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO community_members VALUES(1,5,'2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO community_members VALUES(1,6,'2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO community_members VALUES(1,7,'2027-03-01 12:00:00.000000','2027-03-10 17:00:00.000000');
INSERT INTO community_members VALUES(1,8,'2027-03-14 23:00:00.000000','2027-03-14 23:00:00.000000');
CREATE TABLE schedules (
	id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	channel_ref VARCHAR(200) NOT NULL, 
	channel_name VARCHAR(200) DEFAULT '' NOT NULL, 
	timezone VARCHAR(64) NOT NULL, 
	local_time VARCHAR(5) NOT NULL, 
	weekdays INTEGER NOT NULL, 
	paused BOOLEAN DEFAULT 0 NOT NULL, 
	next_run_at DATETIME, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_schedules_community_kind UNIQUE (community_id, kind), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO schedules VALUES(1,1,'prompt','daily-prompts','daily-prompts','America/New_York','08:00',127,0,'2027-03-15 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO schedules VALUES(2,1,'reflection','daily-prompts','daily-prompts','America/New_York','18:00',64,0,'2027-03-21 22:00:00.000000','2027-03-01 12:00:00.000000');
CREATE TABLE deliveries (
	id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	community_id INTEGER, 
	member_id INTEGER, 
	scheduled_for DATETIME NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	claimed_by VARCHAR(64) NOT NULL, 
	claimed_at DATETIME NOT NULL, 
	attempts INTEGER DEFAULT '1' NOT NULL, 
	sent_at DATETIME, 
	error TEXT, 
	ref VARCHAR(200), 
	PRIMARY KEY (id), 
	UNIQUE ("key"), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE
);
INSERT INTO deliveries VALUES(1,'prompt:1:2027-03-01','prompt',1,NULL,'2027-03-01 13:00:00.000000','sent','vm:5876','2027-03-01 13:00:00.000000',1,'2027-03-01 13:00:00.000000',NULL,'m2');
INSERT INTO deliveries VALUES(3,'checkin:4:2027-03-01','checkin',1,4,'2027-03-02 02:00:00.000000','sent','vm:5876','2027-03-02 02:00:00.000000',1,'2027-03-02 02:00:00.000000',NULL,'d2');
INSERT INTO deliveries VALUES(4,'checkin:5:2027-03-01','checkin',1,5,'2027-03-02 02:00:00.000000','sent','vm:5876','2027-03-02 02:00:00.000000',1,'2027-03-02 02:00:00.000000',NULL,'d3');
INSERT INTO deliveries VALUES(5,'checkin:6:2027-03-01','checkin',1,6,'2027-03-02 02:00:00.000000','sent','vm:5876','2027-03-02 02:00:00.000000',1,'2027-03-02 02:00:00.000000',NULL,'d4');
INSERT INTO deliveries VALUES(6,'checkin:7:2027-03-01','checkin',1,7,'2027-03-02 02:00:00.000000','sent','vm:5876','2027-03-02 02:00:00.000000',1,'2027-03-02 02:00:00.000000',NULL,'d5');
INSERT INTO deliveries VALUES(7,'prompt:1:2027-03-02','prompt',1,NULL,'2027-03-02 13:00:00.000000','sent','vm:5876','2027-03-02 13:00:00.000000',1,'2027-03-02 13:00:00.000000',NULL,'m3');
INSERT INTO deliveries VALUES(8,'challenge:1:intro','challenge',1,NULL,'2027-03-02 14:00:00.000000','sent','vm:5876','2027-03-02 14:00:00.000000',1,'2027-03-02 14:00:00.000000',NULL,'m4');
INSERT INTO deliveries VALUES(9,'challenge:1:thread','challenge',1,NULL,'2027-03-02 14:00:00.000000','sent','vm:5876','2027-03-02 14:00:00.000000',1,'2027-03-02 14:00:00.000000',NULL,'t3');
INSERT INTO deliveries VALUES(10,'challenge:1:1','challenge',1,NULL,'2027-03-02 14:00:00.000000','sent','vm:5876','2027-03-02 14:00:00.000000',1,'2027-03-02 14:00:00.000000',NULL,'m5');
INSERT INTO deliveries VALUES(12,'checkin:4:2027-03-02','checkin',1,4,'2027-03-03 02:00:00.000000','sent','vm:5876','2027-03-03 02:00:00.000000',1,'2027-03-03 02:00:00.000000',NULL,'d7');
INSERT INTO deliveries VALUES(13,'checkin:5:2027-03-02','checkin',1,5,'2027-03-03 02:00:00.000000','sent','vm:5876','2027-03-03 02:00:00.000000',1,'2027-03-03 02:00:00.000000',NULL,'d8');
INSERT INTO deliveries VALUES(14,'checkin:6:2027-03-02','checkin',1,6,'2027-03-03 02:00:00.000000','sent','vm:5876','2027-03-03 02:00:00.000000',1,'2027-03-03 02:00:00.000000',NULL,'d9');
INSERT INTO deliveries VALUES(15,'checkin:7:2027-03-02','checkin',1,7,'2027-03-03 02:00:00.000000','sent','vm:5876','2027-03-03 02:00:00.000000',1,'2027-03-03 02:00:00.000000',NULL,'d10');
INSERT INTO deliveries VALUES(17,'checkin-reminder:4:2027-03-02','checkin_reminder',1,4,'2027-03-03 04:00:00.000000','sent','vm:5876','2027-03-03 04:00:00.000000',1,'2027-03-03 04:00:00.000000',NULL,'d12');
INSERT INTO deliveries VALUES(18,'checkin-reminder:5:2027-03-02','checkin_reminder',1,5,'2027-03-03 04:00:00.000000','sent','vm:5876','2027-03-03 04:00:00.000000',1,'2027-03-03 04:00:00.000000',NULL,'d13');
INSERT INTO deliveries VALUES(19,'checkin-reminder:6:2027-03-02','checkin_reminder',1,6,'2027-03-03 04:00:00.000000','sent','vm:5876','2027-03-03 04:00:00.000000',1,'2027-03-03 04:00:00.000000',NULL,'d14');
INSERT INTO deliveries VALUES(20,'checkin-reminder:7:2027-03-02','checkin_reminder',1,7,'2027-03-03 04:00:00.000000','sent','vm:5876','2027-03-03 04:00:00.000000',1,'2027-03-03 04:00:00.000000',NULL,'d15');
INSERT INTO deliveries VALUES(21,'prompt:1:2027-03-03','prompt',1,NULL,'2027-03-03 13:00:00.000000','sent','vm:5876','2027-03-03 13:00:00.000000',1,'2027-03-03 13:00:00.000000',NULL,'m6');
INSERT INTO deliveries VALUES(22,'challenge:1:2','challenge',1,NULL,'2027-03-03 14:00:00.000000','sent','vm:5876','2027-03-03 14:00:00.000000',1,'2027-03-03 14:00:00.000000',NULL,'m7');
INSERT INTO deliveries VALUES(25,'checkin:4:2027-03-03','checkin',1,4,'2027-03-04 02:00:00.000000','sent','vm:5876','2027-03-04 02:00:00.000000',1,'2027-03-04 02:00:00.000000',NULL,'d18');
INSERT INTO deliveries VALUES(26,'checkin:5:2027-03-03','checkin',1,5,'2027-03-04 02:00:00.000000','sent','vm:5876','2027-03-04 02:00:00.000000',1,'2027-03-04 02:00:00.000000',NULL,'d19');
INSERT INTO deliveries VALUES(27,'checkin:6:2027-03-03','checkin',1,6,'2027-03-04 02:00:00.000000','sent','vm:5876','2027-03-04 02:00:00.000000',1,'2027-03-04 02:00:00.000000',NULL,'d20');
INSERT INTO deliveries VALUES(28,'checkin:7:2027-03-03','checkin',1,7,'2027-03-04 02:00:00.000000','sent','vm:5876','2027-03-04 02:00:00.000000',1,'2027-03-04 02:00:00.000000',NULL,'d21');
INSERT INTO deliveries VALUES(30,'checkin-reminder:4:2027-03-03','checkin_reminder',1,4,'2027-03-04 04:00:00.000000','sent','vm:5876','2027-03-04 04:00:00.000000',1,'2027-03-04 04:00:00.000000',NULL,'d23');
INSERT INTO deliveries VALUES(31,'checkin-reminder:5:2027-03-03','checkin_reminder',1,5,'2027-03-04 04:00:00.000000','sent','vm:5876','2027-03-04 04:00:00.000000',1,'2027-03-04 04:00:00.000000',NULL,'d24');
INSERT INTO deliveries VALUES(32,'checkin-reminder:6:2027-03-03','checkin_reminder',1,6,'2027-03-04 04:00:00.000000','sent','vm:5876','2027-03-04 04:00:00.000000',1,'2027-03-04 04:00:00.000000',NULL,'d25');
INSERT INTO deliveries VALUES(33,'checkin-reminder:7:2027-03-03','checkin_reminder',1,7,'2027-03-04 04:00:00.000000','sent','vm:5876','2027-03-04 04:00:00.000000',1,'2027-03-04 04:00:00.000000',NULL,'d26');
INSERT INTO deliveries VALUES(34,'prompt:1:2027-03-04','prompt',1,NULL,'2027-03-04 13:00:00.000000','sent','vm:5876','2027-03-04 13:00:00.000000',1,'2027-03-04 13:00:00.000000',NULL,'m8');
INSERT INTO deliveries VALUES(35,'challenge:1:3','challenge',1,NULL,'2027-03-04 14:00:00.000000','sent','vm:5876','2027-03-04 14:00:00.000000',1,'2027-03-04 14:00:00.000000',NULL,'m9');
INSERT INTO deliveries VALUES(38,'checkin:4:2027-03-04','checkin',1,4,'2027-03-05 02:00:00.000000','sent','vm:5876','2027-03-05 02:00:00.000000',1,'2027-03-05 02:00:00.000000',NULL,'d29');
INSERT INTO deliveries VALUES(39,'checkin:5:2027-03-04','checkin',1,5,'2027-03-05 02:00:00.000000','sent','vm:5876','2027-03-05 02:00:00.000000',1,'2027-03-05 02:00:00.000000',NULL,'d30');
INSERT INTO deliveries VALUES(40,'checkin:6:2027-03-04','checkin',1,6,'2027-03-05 02:00:00.000000','sent','vm:5876','2027-03-05 02:00:00.000000',1,'2027-03-05 02:00:00.000000',NULL,'d31');
INSERT INTO deliveries VALUES(41,'checkin:7:2027-03-04','checkin',1,7,'2027-03-05 02:00:00.000000','sent','vm:5876','2027-03-05 02:00:00.000000',1,'2027-03-05 02:00:00.000000',NULL,'d32');
INSERT INTO deliveries VALUES(43,'checkin-reminder:4:2027-03-04','checkin_reminder',1,4,'2027-03-05 04:00:00.000000','sent','vm:5876','2027-03-05 04:00:00.000000',1,'2027-03-05 04:00:00.000000',NULL,'d34');
INSERT INTO deliveries VALUES(44,'checkin-reminder:5:2027-03-04','checkin_reminder',1,5,'2027-03-05 04:00:00.000000','sent','vm:5876','2027-03-05 04:00:00.000000',1,'2027-03-05 04:00:00.000000',NULL,'d35');
INSERT INTO deliveries VALUES(45,'checkin-reminder:6:2027-03-04','checkin_reminder',1,6,'2027-03-05 04:00:00.000000','sent','vm:5876','2027-03-05 04:00:00.000000',1,'2027-03-05 04:00:00.000000',NULL,'d36');
INSERT INTO deliveries VALUES(46,'checkin-reminder:7:2027-03-04','checkin_reminder',1,7,'2027-03-05 04:00:00.000000','sent','vm:5876','2027-03-05 04:00:00.000000',1,'2027-03-05 04:00:00.000000',NULL,'d37');
INSERT INTO deliveries VALUES(47,'prompt:1:2027-03-05','prompt',1,NULL,'2027-03-05 13:00:00.000000','sent','vm:5876','2027-03-05 13:00:00.000000',1,'2027-03-05 13:00:00.000000',NULL,'m10');
INSERT INTO deliveries VALUES(48,'challenge:1:4','challenge',1,NULL,'2027-03-05 14:00:00.000000','sent','vm:5876','2027-03-05 14:00:00.000000',1,'2027-03-05 14:00:00.000000',NULL,'m11');
INSERT INTO deliveries VALUES(51,'checkin:4:2027-03-05','checkin',1,4,'2027-03-06 02:00:00.000000','sent','vm:5876','2027-03-06 02:00:00.000000',1,'2027-03-06 02:00:00.000000',NULL,'d40');
INSERT INTO deliveries VALUES(52,'checkin:5:2027-03-05','checkin',1,5,'2027-03-06 02:00:00.000000','sent','vm:5876','2027-03-06 02:00:00.000000',1,'2027-03-06 02:00:00.000000',NULL,'d41');
INSERT INTO deliveries VALUES(53,'checkin:6:2027-03-05','checkin',1,6,'2027-03-06 02:00:00.000000','sent','vm:5876','2027-03-06 02:00:00.000000',1,'2027-03-06 02:00:00.000000',NULL,'d42');
INSERT INTO deliveries VALUES(54,'checkin:7:2027-03-05','checkin',1,7,'2027-03-06 02:00:00.000000','sent','vm:5876','2027-03-06 02:00:00.000000',1,'2027-03-06 02:00:00.000000',NULL,'d43');
INSERT INTO deliveries VALUES(56,'checkin-reminder:4:2027-03-05','checkin_reminder',1,4,'2027-03-06 04:00:00.000000','sent','vm:5876','2027-03-06 04:00:00.000000',1,'2027-03-06 04:00:00.000000',NULL,'d45');
INSERT INTO deliveries VALUES(57,'checkin-reminder:5:2027-03-05','checkin_reminder',1,5,'2027-03-06 04:00:00.000000','sent','vm:5876','2027-03-06 04:00:00.000000',1,'2027-03-06 04:00:00.000000',NULL,'d46');
INSERT INTO deliveries VALUES(58,'checkin-reminder:6:2027-03-05','checkin_reminder',1,6,'2027-03-06 04:00:00.000000','sent','vm:5876','2027-03-06 04:00:00.000000',1,'2027-03-06 04:00:00.000000',NULL,'d47');
INSERT INTO deliveries VALUES(59,'checkin-reminder:7:2027-03-05','checkin_reminder',1,7,'2027-03-06 04:00:00.000000','sent','vm:5876','2027-03-06 04:00:00.000000',1,'2027-03-06 04:00:00.000000',NULL,'d48');
INSERT INTO deliveries VALUES(60,'prompt:1:2027-03-06','prompt',1,NULL,'2027-03-06 13:00:00.000000','sent','vm:5876','2027-03-06 13:00:00.000000',1,'2027-03-06 13:00:00.000000',NULL,'m12');
INSERT INTO deliveries VALUES(61,'challenge:1:5','challenge',1,NULL,'2027-03-06 14:00:00.000000','sent','vm:5876','2027-03-06 14:00:00.000000',1,'2027-03-06 14:00:00.000000',NULL,'m13');
INSERT INTO deliveries VALUES(64,'checkin:4:2027-03-06','checkin',1,4,'2027-03-07 02:00:00.000000','sent','vm:5876','2027-03-07 02:00:00.000000',1,'2027-03-07 02:00:00.000000',NULL,'d51');
INSERT INTO deliveries VALUES(65,'checkin:5:2027-03-06','checkin',1,5,'2027-03-07 02:00:00.000000','sent','vm:5876','2027-03-07 02:00:00.000000',1,'2027-03-07 02:00:00.000000',NULL,'d52');
INSERT INTO deliveries VALUES(66,'checkin:6:2027-03-06','checkin',1,6,'2027-03-07 02:00:00.000000','sent','vm:5876','2027-03-07 02:00:00.000000',1,'2027-03-07 02:00:00.000000',NULL,'d53');
INSERT INTO deliveries VALUES(67,'checkin:7:2027-03-06','checkin',1,7,'2027-03-07 02:00:00.000000','sent','vm:5876','2027-03-07 02:00:00.000000',1,'2027-03-07 02:00:00.000000',NULL,'d54');
INSERT INTO deliveries VALUES(69,'checkin-reminder:4:2027-03-06','checkin_reminder',1,4,'2027-03-07 04:00:00.000000','sent','vm:5876','2027-03-07 04:00:00.000000',1,'2027-03-07 04:00:00.000000',NULL,'d56');
INSERT INTO deliveries VALUES(70,'checkin-reminder:5:2027-03-06','checkin_reminder',1,5,'2027-03-07 04:00:00.000000','sent','vm:5876','2027-03-07 04:00:00.000000',1,'2027-03-07 04:00:00.000000',NULL,'d57');
INSERT INTO deliveries VALUES(71,'checkin-reminder:6:2027-03-06','checkin_reminder',1,6,'2027-03-07 04:00:00.000000','sent','vm:5876','2027-03-07 04:00:00.000000',1,'2027-03-07 04:00:00.000000',NULL,'d58');
INSERT INTO deliveries VALUES(72,'checkin-reminder:7:2027-03-06','checkin_reminder',1,7,'2027-03-07 04:00:00.000000','sent','vm:5876','2027-03-07 04:00:00.000000',1,'2027-03-07 04:00:00.000000',NULL,'d59');
INSERT INTO deliveries VALUES(73,'prompt:1:2027-03-07','prompt',1,NULL,'2027-03-07 13:00:00.000000','sent','vm:5876','2027-03-07 13:00:00.000000',1,'2027-03-07 13:00:00.000000',NULL,'m14');
INSERT INTO deliveries VALUES(74,'challenge:1:6','challenge',1,NULL,'2027-03-07 14:00:00.000000','sent','vm:5876','2027-03-07 14:00:00.000000',1,'2027-03-07 14:00:00.000000',NULL,'m15');
INSERT INTO deliveries VALUES(76,'reflection:1:2027-03-07','reflection',1,NULL,'2027-03-07 23:00:00.000000','sent','vm:5876','2027-03-07 23:00:00.000000',1,'2027-03-07 23:00:00.000000',NULL,'m16');
INSERT INTO deliveries VALUES(78,'checkin:4:2027-03-07','checkin',1,4,'2027-03-08 02:00:00.000000','sent','vm:5876','2027-03-08 02:00:00.000000',1,'2027-03-08 02:00:00.000000',NULL,'d62');
INSERT INTO deliveries VALUES(79,'checkin:5:2027-03-07','checkin',1,5,'2027-03-08 02:00:00.000000','sent','vm:5876','2027-03-08 02:00:00.000000',1,'2027-03-08 02:00:00.000000',NULL,'d63');
INSERT INTO deliveries VALUES(80,'checkin:6:2027-03-07','checkin',1,6,'2027-03-08 02:00:00.000000','sent','vm:5876','2027-03-08 02:00:00.000000',1,'2027-03-08 02:00:00.000000',NULL,'d64');
INSERT INTO deliveries VALUES(81,'checkin:7:2027-03-07','checkin',1,7,'2027-03-08 02:00:00.000000','sent','vm:5876','2027-03-08 02:00:00.000000',1,'2027-03-08 02:00:00.000000',NULL,'d65');
INSERT INTO deliveries VALUES(83,'checkin-reminder:4:2027-03-07','checkin_reminder',1,4,'2027-03-08 04:00:00.000000','sent','vm:5876','2027-03-08 04:00:00.000000',1,'2027-03-08 04:00:00.000000',NULL,'d67');
INSERT INTO deliveries VALUES(84,'checkin-reminder:5:2027-03-07','checkin_reminder',1,5,'2027-03-08 04:00:00.000000','sent','vm:5876','2027-03-08 04:00:00.000000',1,'2027-03-08 04:00:00.000000',NULL,'d68');
INSERT INTO deliveries VALUES(85,'checkin-reminder:6:2027-03-07','checkin_reminder',1,6,'2027-03-08 04:00:00.000000','sent','vm:5876','2027-03-08 04:00:00.000000',1,'2027-03-08 04:00:00.000000',NULL,'d69');
INSERT INTO deliveries VALUES(86,'checkin-reminder:7:2027-03-07','checkin_reminder',1,7,'2027-03-08 04:00:00.000000','sent','vm:5876','2027-03-08 04:00:00.000000',1,'2027-03-08 04:00:00.000000',NULL,'d70');
INSERT INTO deliveries VALUES(87,'prompt:1:2027-03-08','prompt',1,NULL,'2027-03-08 13:00:00.000000','sent','vm:5876','2027-03-08 13:00:00.000000',1,'2027-03-08 13:00:00.000000',NULL,'m17');
INSERT INTO deliveries VALUES(88,'challenge:1:7','challenge',1,NULL,'2027-03-08 14:00:00.000000','sent','vm:5876','2027-03-08 14:00:00.000000',1,'2027-03-08 14:00:00.000000',NULL,'m18');
INSERT INTO deliveries VALUES(91,'checkin:4:2027-03-08','checkin',1,4,'2027-03-09 02:00:00.000000','sent','vm:5876','2027-03-09 02:00:00.000000',1,'2027-03-09 02:00:00.000000',NULL,'d73');
INSERT INTO deliveries VALUES(92,'checkin:5:2027-03-08','checkin',1,5,'2027-03-09 02:00:00.000000','sent','vm:5876','2027-03-09 02:00:00.000000',1,'2027-03-09 02:00:00.000000',NULL,'d74');
INSERT INTO deliveries VALUES(93,'checkin:6:2027-03-08','checkin',1,6,'2027-03-09 02:00:00.000000','sent','vm:5876','2027-03-09 02:00:00.000000',1,'2027-03-09 02:00:00.000000',NULL,'d75');
INSERT INTO deliveries VALUES(94,'checkin:7:2027-03-08','checkin',1,7,'2027-03-09 02:00:00.000000','sent','vm:5876','2027-03-09 02:00:00.000000',1,'2027-03-09 02:00:00.000000',NULL,'d76');
INSERT INTO deliveries VALUES(96,'checkin-reminder:4:2027-03-08','checkin_reminder',1,4,'2027-03-09 04:00:00.000000','sent','vm:5876','2027-03-09 04:00:00.000000',1,'2027-03-09 04:00:00.000000',NULL,'d78');
INSERT INTO deliveries VALUES(97,'checkin-reminder:5:2027-03-08','checkin_reminder',1,5,'2027-03-09 04:00:00.000000','sent','vm:5876','2027-03-09 04:00:00.000000',1,'2027-03-09 04:00:00.000000',NULL,'d79');
INSERT INTO deliveries VALUES(98,'checkin-reminder:6:2027-03-08','checkin_reminder',1,6,'2027-03-09 04:00:00.000000','sent','vm:5876','2027-03-09 04:00:00.000000',1,'2027-03-09 04:00:00.000000',NULL,'d80');
INSERT INTO deliveries VALUES(99,'checkin-reminder:7:2027-03-08','checkin_reminder',1,7,'2027-03-09 04:00:00.000000','sent','vm:5876','2027-03-09 04:00:00.000000',1,'2027-03-09 04:00:00.000000',NULL,'d81');
INSERT INTO deliveries VALUES(100,'prompt:1:2027-03-09','prompt',1,NULL,'2027-03-09 13:00:00.000000','sent','vm:5876','2027-03-09 13:00:00.000000',1,'2027-03-09 13:00:00.000000',NULL,'m19');
INSERT INTO deliveries VALUES(101,'challenge:1:8','challenge',1,NULL,'2027-03-09 14:00:00.000000','sent','vm:5876','2027-03-09 14:00:00.000000',1,'2027-03-09 14:00:00.000000',NULL,'m20');
INSERT INTO deliveries VALUES(103,'reflection-close:1','reflection_close',1,NULL,'2027-03-09 23:00:00.000000','sent','vm:5876','2027-03-09 23:00:00.000000',1,'2027-03-09 23:00:00.000000',NULL,'t9');
INSERT INTO deliveries VALUES(104,'checkin:4:2027-03-09','checkin',1,4,'2027-03-10 02:00:00.000000','sent','vm:5876','2027-03-10 02:00:00.000000',1,'2027-03-10 02:00:00.000000',NULL,'d83');
INSERT INTO deliveries VALUES(105,'checkin:5:2027-03-09','checkin',1,5,'2027-03-10 02:00:00.000000','sent','vm:5876','2027-03-10 02:00:00.000000',1,'2027-03-10 02:00:00.000000',NULL,'d84');
INSERT INTO deliveries VALUES(106,'checkin:6:2027-03-09','checkin',1,6,'2027-03-10 02:00:00.000000','sent','vm:5876','2027-03-10 02:00:00.000000',1,'2027-03-10 02:00:00.000000',NULL,'d85');
INSERT INTO deliveries VALUES(107,'checkin:7:2027-03-09','checkin',1,7,'2027-03-10 02:00:00.000000','abandoned','vm:5876','2027-03-10 02:00:00.000000',1,NULL,'forbidden: erin does not accept DMs',NULL);
INSERT INTO deliveries VALUES(108,'checkin-reminder:4:2027-03-09','checkin_reminder',1,4,'2027-03-10 04:00:00.000000','sent','vm:5876','2027-03-10 04:00:00.000000',1,'2027-03-10 04:00:00.000000',NULL,'d86');
INSERT INTO deliveries VALUES(109,'checkin-reminder:5:2027-03-09','checkin_reminder',1,5,'2027-03-10 04:00:00.000000','sent','vm:5876','2027-03-10 04:00:00.000000',1,'2027-03-10 04:00:00.000000',NULL,'d87');
INSERT INTO deliveries VALUES(110,'checkin-reminder:6:2027-03-09','checkin_reminder',1,6,'2027-03-10 04:00:00.000000','sent','vm:5876','2027-03-10 04:00:00.000000',1,'2027-03-10 04:00:00.000000',NULL,'d88');
INSERT INTO deliveries VALUES(111,'prompt:1:2027-03-10','prompt',1,NULL,'2027-03-10 13:00:00.000000','sent','vm:5876','2027-03-10 13:00:00.000000',1,'2027-03-10 13:00:00.000000',NULL,'m22');
INSERT INTO deliveries VALUES(112,'challenge:1:9','challenge',1,NULL,'2027-03-10 14:00:00.000000','sent','vm:5876','2027-03-10 14:00:00.000000',1,'2027-03-10 14:00:00.000000',NULL,'m23');
INSERT INTO deliveries VALUES(114,'checkin:4:2027-03-10','checkin',1,4,'2027-03-11 02:00:00.000000','sent','vm:5876','2027-03-11 02:00:00.000000',1,'2027-03-11 02:00:00.000000',NULL,'d90');
INSERT INTO deliveries VALUES(115,'checkin:5:2027-03-10','checkin',1,5,'2027-03-11 02:00:00.000000','sent','vm:5876','2027-03-11 02:00:00.000000',1,'2027-03-11 02:00:00.000000',NULL,'d91');
INSERT INTO deliveries VALUES(116,'checkin:6:2027-03-10','checkin',1,6,'2027-03-11 02:00:00.000000','sent','vm:5876','2027-03-11 02:00:00.000000',1,'2027-03-11 02:00:00.000000',NULL,'d92');
INSERT INTO deliveries VALUES(117,'checkin-reminder:4:2027-03-10','checkin_reminder',1,4,'2027-03-11 04:00:00.000000','sent','vm:5876','2027-03-11 04:00:00.000000',1,'2027-03-11 04:00:00.000000',NULL,'d93');
INSERT INTO deliveries VALUES(118,'checkin-reminder:5:2027-03-10','checkin_reminder',1,5,'2027-03-11 04:00:00.000000','sent','vm:5876','2027-03-11 04:00:00.000000',1,'2027-03-11 04:00:00.000000',NULL,'d94');
INSERT INTO deliveries VALUES(119,'checkin-reminder:6:2027-03-10','checkin_reminder',1,6,'2027-03-11 04:00:00.000000','sent','vm:5876','2027-03-11 04:00:00.000000',1,'2027-03-11 04:00:00.000000',NULL,'d95');
INSERT INTO deliveries VALUES(120,'prompt:1:2027-03-11','prompt',1,NULL,'2027-03-11 13:00:00.000000','sent','vm:5876','2027-03-11 13:00:00.000000',1,'2027-03-11 13:00:00.000000',NULL,'m24');
INSERT INTO deliveries VALUES(121,'challenge:1:summary','challenge',1,NULL,'2027-03-11 14:00:00.000000','sent','vm:5876','2027-03-11 14:00:00.000000',1,'2027-03-11 14:00:00.000000',NULL,'m25');
INSERT INTO deliveries VALUES(122,'checkin:4:2027-03-11','checkin',1,4,'2027-03-12 02:00:00.000000','sent','vm:5876','2027-03-12 02:00:00.000000',1,'2027-03-12 02:00:00.000000',NULL,'d96');
INSERT INTO deliveries VALUES(123,'checkin:5:2027-03-11','checkin',1,5,'2027-03-12 02:00:00.000000','sent','vm:5876','2027-03-12 02:00:00.000000',1,'2027-03-12 02:00:00.000000',NULL,'d97');
INSERT INTO deliveries VALUES(124,'checkin:6:2027-03-11','checkin',1,6,'2027-03-12 02:00:00.000000','sent','vm:5876','2027-03-12 02:00:00.000000',1,'2027-03-12 02:00:00.000000',NULL,'d98');
INSERT INTO deliveries VALUES(125,'checkin-reminder:4:2027-03-11','checkin_reminder',1,4,'2027-03-12 04:00:00.000000','sent','vm:5876','2027-03-12 04:00:00.000000',1,'2027-03-12 04:00:00.000000',NULL,'d99');
INSERT INTO deliveries VALUES(126,'checkin-reminder:5:2027-03-11','checkin_reminder',1,5,'2027-03-12 04:00:00.000000','sent','vm:5876','2027-03-12 04:00:00.000000',1,'2027-03-12 04:00:00.000000',NULL,'d100');
INSERT INTO deliveries VALUES(127,'checkin-reminder:6:2027-03-11','checkin_reminder',1,6,'2027-03-12 04:00:00.000000','sent','vm:5876','2027-03-12 04:00:00.000000',1,'2027-03-12 04:00:00.000000',NULL,'d101');
INSERT INTO deliveries VALUES(128,'prompt:1:2027-03-12','prompt',1,NULL,'2027-03-12 13:00:00.000000','sent','vm:5876','2027-03-12 13:00:00.000000',1,'2027-03-12 13:00:00.000000',NULL,'m26');
INSERT INTO deliveries VALUES(130,'checkin:4:2027-03-12','checkin',1,4,'2027-03-13 02:00:00.000000','sent','vm:5876','2027-03-13 02:00:00.000000',1,'2027-03-13 02:00:00.000000',NULL,'d103');
INSERT INTO deliveries VALUES(131,'checkin:5:2027-03-12','checkin',1,5,'2027-03-13 02:00:00.000000','sent','vm:5876','2027-03-13 02:00:00.000000',1,'2027-03-13 02:00:00.000000',NULL,'d104');
INSERT INTO deliveries VALUES(132,'checkin:6:2027-03-12','checkin',1,6,'2027-03-13 02:00:00.000000','sent','vm:5876','2027-03-13 02:00:00.000000',1,'2027-03-13 02:00:00.000000',NULL,'d105');
INSERT INTO deliveries VALUES(133,'checkin-reminder:4:2027-03-12','checkin_reminder',1,4,'2027-03-13 04:00:00.000000','sent','vm:5876','2027-03-13 04:00:00.000000',1,'2027-03-13 04:00:00.000000',NULL,'d106');
INSERT INTO deliveries VALUES(134,'checkin-reminder:5:2027-03-12','checkin_reminder',1,5,'2027-03-13 04:00:00.000000','sent','vm:5876','2027-03-13 04:00:00.000000',1,'2027-03-13 04:00:00.000000',NULL,'d107');
INSERT INTO deliveries VALUES(135,'checkin-reminder:6:2027-03-12','checkin_reminder',1,6,'2027-03-13 04:00:00.000000','sent','vm:5876','2027-03-13 04:00:00.000000',1,'2027-03-13 04:00:00.000000',NULL,'d108');
INSERT INTO deliveries VALUES(136,'prompt:1:2027-03-13','prompt',1,NULL,'2027-03-13 13:00:00.000000','sent','vm:5876','2027-03-13 13:00:00.000000',1,'2027-03-13 13:00:00.000000',NULL,'m27');
INSERT INTO deliveries VALUES(138,'checkin:4:2027-03-13','checkin',1,4,'2027-03-14 02:00:00.000000','sent','vm:5876','2027-03-14 02:00:00.000000',1,'2027-03-14 02:00:00.000000',NULL,'d110');
INSERT INTO deliveries VALUES(139,'checkin:5:2027-03-13','checkin',1,5,'2027-03-14 02:00:00.000000','sent','vm:5876','2027-03-14 02:00:00.000000',1,'2027-03-14 02:00:00.000000',NULL,'d111');
INSERT INTO deliveries VALUES(140,'checkin:6:2027-03-13','checkin',1,6,'2027-03-14 02:00:00.000000','sent','vm:5876','2027-03-14 02:00:00.000000',1,'2027-03-14 02:00:00.000000',NULL,'d112');
INSERT INTO deliveries VALUES(141,'checkin-reminder:4:2027-03-13','checkin_reminder',1,4,'2027-03-14 04:00:00.000000','sent','vm:5876','2027-03-14 04:00:00.000000',1,'2027-03-14 04:00:00.000000',NULL,'d113');
INSERT INTO deliveries VALUES(142,'checkin-reminder:5:2027-03-13','checkin_reminder',1,5,'2027-03-14 04:00:00.000000','sent','vm:5876','2027-03-14 04:00:00.000000',1,'2027-03-14 04:00:00.000000',NULL,'d114');
INSERT INTO deliveries VALUES(143,'checkin-reminder:6:2027-03-13','checkin_reminder',1,6,'2027-03-14 04:00:00.000000','sent','vm:5876','2027-03-14 04:00:00.000000',1,'2027-03-14 04:00:00.000000',NULL,'d115');
INSERT INTO deliveries VALUES(144,'prompt:1:2027-03-14','prompt',1,NULL,'2027-03-14 12:00:00.000000','sent','vm:5876','2027-03-14 12:00:00.000000',1,'2027-03-14 12:00:00.000000',NULL,'m28');
INSERT INTO deliveries VALUES(145,'reflection:1:2027-03-14','reflection',1,NULL,'2027-03-14 22:00:00.000000','sent','vm:5876','2027-03-14 22:00:00.000000',1,'2027-03-14 22:00:00.000000',NULL,'m29');
CREATE TABLE prompt_posts (
	id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	prompt_id VARCHAR(100) NOT NULL, 
	cycle INTEGER NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	local_date DATE NOT NULL, 
	posted_at DATETIME NOT NULL, 
	message_ref VARCHAR(200), 
	thread_ref VARCHAR(200), 
	PRIMARY KEY (id), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO prompt_posts VALUES(1,1,'safe-to-be-open-prompt-1',1,'posted','2027-03-01','2027-03-01 13:00:00.000000','m2','t1');
INSERT INTO prompt_posts VALUES(2,1,'commit-to-trustworthiness-prompt-1',1,'posted','2027-03-02','2027-03-02 13:00:00.000000','m3','t2');
INSERT INTO prompt_posts VALUES(3,1,'do-not-demand-trust-prompt-1',1,'posted','2027-03-03','2027-03-03 13:00:00.000000','m6','t4');
INSERT INTO prompt_posts VALUES(4,1,'safe-harbour-prompt-1',1,'posted','2027-03-04','2027-03-04 13:00:00.000000','m8','t5');
INSERT INTO prompt_posts VALUES(5,1,'align-words-and-actions-prompt-1',1,'posted','2027-03-05','2027-03-05 13:00:00.000000','m10','t6');
INSERT INTO prompt_posts VALUES(6,1,'show-respect-prompt-1',1,'posted','2027-03-06','2027-03-06 13:00:00.000000','m12','t7');
INSERT INTO prompt_posts VALUES(7,1,'honour-both-values-prompt-1',1,'posted','2027-03-07','2027-03-07 13:00:00.000000','m14','t8');
INSERT INTO prompt_posts VALUES(8,1,'be-honest-prompt-1',1,'posted','2027-03-08','2027-03-08 13:00:00.000000','m17','t10');
INSERT INTO prompt_posts VALUES(9,1,'say-sorry-prompt-1',1,'posted','2027-03-09','2027-03-09 13:00:00.000000','m19','t11');
INSERT INTO prompt_posts VALUES(10,1,'focus-on-connection-prompt-1',1,'posted','2027-03-10','2027-03-10 13:00:00.000000','m22','t12');
INSERT INTO prompt_posts VALUES(11,1,'have-a-conversation-prompt-1',1,'posted','2027-03-11','2027-03-11 13:00:00.000000','m24','t13');
INSERT INTO prompt_posts VALUES(12,1,'create-emotional-safety-prompt-1',1,'posted','2027-03-12','2027-03-12 13:00:00.000000','m26','t14');
INSERT INTO prompt_posts VALUES(13,1,'attend-therapy-prompt-1',1,'posted','2027-03-13','2027-03-13 13:00:00.000000','m27','t15');
INSERT INTO prompt_posts VALUES(14,1,'safe-to-be-open-prompt-2',1,'posted','2027-03-14','2027-03-14 12:00:00.000000','m28','t16');
CREATE TABLE participation (
	id INTEGER NOT NULL, 
	prompt_post_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	answered_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_participation_post_member UNIQUE (prompt_post_id, member_id), 
	FOREIGN KEY(prompt_post_id) REFERENCES prompt_posts (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE, 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
CREATE TABLE kv (
	"key" VARCHAR(200) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO kv VALUES('sandbox:world','{"channels": ["general", "daily-prompts", "reflections", "challenges"], "counters": {"d": 115, "m": 29, "t": 17}, "me": "alice", "threads": {"t1": {"archived": false, "channel": "daily-prompts", "parent": "m2", "ref": "t1", "title": "01 Mar \u00b7 What is one thing that helps you feel relaxed enough to be yourself a\u2026"}, "t10": {"archived": false, "channel": "daily-prompts", "parent": "m17", "ref": "t10", "title": "08 Mar \u00b7 Why do you think small white lies feel so tempting?"}, "t11": {"archived": false, "channel": "daily-prompts", "parent": "m19", "ref": "t11", "title": "09 Mar \u00b7 What makes an apology feel genuine to you?"}, "t12": {"archived": false, "channel": "daily-prompts", "parent": "m22", "ref": "t12", "title": "10 Mar \u00b7 What is a small moment of connection that fits into a busy day?"}, "t13": {"archived": false, "channel": "daily-prompts", "parent": "m24", "ref": "t13", "title": "11 Mar \u00b7 How do you bring up a touchy subject without it turning into a fight?"}, "t14": {"archived": false, "channel": "daily-prompts", "parent": "m26", "ref": "t14", "title": "12 Mar \u00b7 What helps you feel calm enough to say what you need?"}, "t15": {"archived": false, "channel": "daily-prompts", "parent": "m27", "ref": "t15", "title": "13 Mar \u00b7 What do you think holds people back from asking for help with their r\u2026"}, "t16": {"archived": false, "channel": "daily-prompts", "parent": "m28", "ref": "t16", "title": "14 Mar \u00b7 Think of a time someone listened to you without judging. What did the\u2026"}, "t17": {"archived": false, "channel": "daily-prompts", "parent": "m29", "ref": "t17", "title": "Weekly reflection \u00b7 14 Mar \u00b7 Safe to be open"}, "t2": {"archived": false, "channel": "daily-prompts", "parent": "m3", "ref": "t2", "title": "02 Mar \u00b7 What does being trustworthy look like in everyday life, beyond the bi\u2026"}, "t3": {"archived": false, "channel": "challenges", "parent": "m4", "ref": "t3", "title": "Challenge: Nine steps in nine days"}, "t4": {"archived": false, "channel": "daily-prompts", "parent": "m6", "ref": "t4", "title": "03 Mar \u00b7 Why do you think asking someone to trust us can sometimes backfire?"}, "t5": {"archived": false, "channel": "daily-prompts", "parent": "m8", "ref": "t5", "title": "04 Mar \u00b7 What makes a place feel like a refuge to you?"}, "t6": {"archived": false, "channel": "daily-prompts", "parent": "m10", "ref": "t6", "title": "05 Mar \u00b7 What is one small promise that, when it''s kept, makes a big differenc\u2026"}, "t7": {"archived": false, "channel": "daily-prompts", "parent": "m12", "ref": "t7", "title": "06 Mar \u00b7 What is one everyday sign that someone respects you?"}, "t8": {"archived": false, "channel": "daily-prompts", "parent": "m14", "ref": "t8", "title": "07 Mar \u00b7 What are two values you hold that sometimes pull in different directi\u2026"}, "t9": {"archived": true, "channel": "daily-prompts", "parent": "m16", "ref": "t9", "title": "Weekly reflection \u00b7 07 Mar \u00b7 Step 6: Focus on connection"}}, "users": {"alice": {"admin": false, "name": "alice", "roles": []}, "bob": {"admin": false, "name": "bob", "roles": []}, "carol": {"admin": false, "name": "carol", "roles": []}, "dan": {"admin": false, "name": "dan", "roles": []}, "erin": {"admin": false, "name": "erin", "roles": []}, "mona": {"admin": false, "name": "mona", "roles": ["moderators"]}, "owner": {"admin": true, "name": "owner", "roles": []}}, "where_channel": "daily-prompts", "where_kind": "thread", "where_thread": "t1"}');
INSERT INTO kv VALUES('sandbox:clock','2027-03-14T23:00:00+00:00');
CREATE TABLE tip_history (
	id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	tip_id VARCHAR(100) NOT NULL, 
	shown_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE
);
INSERT INTO tip_history VALUES(1,7,'say-sorry-tip-3','2027-03-01 12:00:00.000000');
INSERT INTO tip_history VALUES(2,7,'say-sorry-tip-1','2027-03-01 12:00:00.000000');
INSERT INTO tip_history VALUES(3,7,'focus-on-connection-tip-2','2027-03-01 12:00:00.000000');
CREATE TABLE member_prefs (
	member_id INTEGER NOT NULL, 
	prefs TEXT DEFAULT '{}' NOT NULL, 
	PRIMARY KEY (member_id), 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE
);
INSERT INTO member_prefs VALUES(7,'{"notice_shown": true}');
CREATE TABLE checkin_subscriptions (
	id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	community_id INTEGER, 
	timezone VARCHAR(64) NOT NULL, 
	local_time VARCHAR(5) NOT NULL, 
	weekdays INTEGER NOT NULL, 
	quiet_start VARCHAR(5), 
	quiet_end VARCHAR(5), 
	paused_until DATETIME, 
	blocked BOOLEAN DEFAULT 0 NOT NULL, 
	next_due_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_checkin_subscriptions_member UNIQUE (member_id), 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE, 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO checkin_subscriptions VALUES(2,4,1,'America/New_York','21:00',127,NULL,NULL,NULL,0,'2027-03-15 01:00:00.000000','2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO checkin_subscriptions VALUES(3,5,1,'America/New_York','21:00',127,NULL,NULL,NULL,0,'2027-03-15 01:00:00.000000','2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO checkin_subscriptions VALUES(4,6,1,'America/New_York','21:00',127,NULL,NULL,NULL,0,'2027-03-15 01:00:00.000000','2027-03-01 12:00:00.000000','2027-03-01 12:00:00.000000');
INSERT INTO checkin_subscriptions VALUES(5,7,1,'America/New_York','21:00',127,NULL,NULL,NULL,1,NULL,'2027-03-01 12:00:00.000000','2027-03-10 02:00:00.000000');
CREATE TABLE checkins (
	id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	community_id INTEGER, 
	local_date DATE NOT NULL, 
	scheduled_for DATETIME NOT NULL, 
	created_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	dm_ref VARCHAR(200), 
	remind_at DATETIME, 
	reminded_at DATETIME, 
	completed_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_checkins_member_date UNIQUE (member_id, local_date), 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE, 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO checkins VALUES(2,4,1,'2027-03-01','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','d2',NULL,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkins VALUES(3,5,1,'2027-03-01','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','d3',NULL,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkins VALUES(4,6,1,'2027-03-01','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','d4',NULL,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkins VALUES(5,7,1,'2027-03-01','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','2027-03-02 02:00:00.000000','d5',NULL,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkins VALUES(7,4,1,'2027-03-02','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','d7',NULL,'2027-03-03 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(8,5,1,'2027-03-02','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','d8',NULL,'2027-03-03 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(9,6,1,'2027-03-02','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','d9',NULL,'2027-03-03 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(10,7,1,'2027-03-02','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','2027-03-03 02:00:00.000000','d10',NULL,'2027-03-03 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(12,4,1,'2027-03-03','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','d18',NULL,'2027-03-04 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(13,5,1,'2027-03-03','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','d19',NULL,'2027-03-04 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(14,6,1,'2027-03-03','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','d20',NULL,'2027-03-04 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(15,7,1,'2027-03-03','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','2027-03-04 02:00:00.000000','d21',NULL,'2027-03-04 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(17,4,1,'2027-03-04','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','d29',NULL,'2027-03-05 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(18,5,1,'2027-03-04','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','d30',NULL,'2027-03-05 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(19,6,1,'2027-03-04','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','d31',NULL,'2027-03-05 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(20,7,1,'2027-03-04','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','2027-03-05 02:00:00.000000','d32',NULL,'2027-03-05 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(22,4,1,'2027-03-05','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','d40',NULL,'2027-03-06 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(23,5,1,'2027-03-05','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','d41',NULL,'2027-03-06 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(24,6,1,'2027-03-05','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','d42',NULL,'2027-03-06 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(25,7,1,'2027-03-05','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','2027-03-06 02:00:00.000000','d43',NULL,'2027-03-06 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(27,4,1,'2027-03-06','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','d51',NULL,'2027-03-07 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(28,5,1,'2027-03-06','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','d52',NULL,'2027-03-07 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(29,6,1,'2027-03-06','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','d53',NULL,'2027-03-07 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(30,7,1,'2027-03-06','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','2027-03-07 02:00:00.000000','d54',NULL,'2027-03-07 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(32,4,1,'2027-03-07','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','d62',NULL,'2027-03-08 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(33,5,1,'2027-03-07','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','d63',NULL,'2027-03-08 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(34,6,1,'2027-03-07','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','d64',NULL,'2027-03-08 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(35,7,1,'2027-03-07','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','2027-03-08 02:00:00.000000','d65',NULL,'2027-03-08 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(37,4,1,'2027-03-08','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','d73',NULL,'2027-03-09 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(38,5,1,'2027-03-08','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','d74',NULL,'2027-03-09 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(39,6,1,'2027-03-08','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','d75',NULL,'2027-03-09 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(40,7,1,'2027-03-08','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','2027-03-09 02:00:00.000000','d76',NULL,'2027-03-09 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(41,4,1,'2027-03-09','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','d83',NULL,'2027-03-10 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(42,5,1,'2027-03-09','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','d84',NULL,'2027-03-10 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(43,6,1,'2027-03-09','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000','d85',NULL,'2027-03-10 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(44,7,1,'2027-03-09','2027-03-10 02:00:00.000000','2027-03-10 02:00:00.000000',NULL,NULL,NULL,NULL,NULL);
INSERT INTO checkins VALUES(45,4,1,'2027-03-10','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','d90',NULL,'2027-03-11 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(46,5,1,'2027-03-10','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','d91',NULL,'2027-03-11 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(47,6,1,'2027-03-10','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','2027-03-11 02:00:00.000000','d92',NULL,'2027-03-11 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(48,4,1,'2027-03-11','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','d96',NULL,'2027-03-12 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(49,5,1,'2027-03-11','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','d97',NULL,'2027-03-12 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(50,6,1,'2027-03-11','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','2027-03-12 02:00:00.000000','d98',NULL,'2027-03-12 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(52,4,1,'2027-03-12','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','d103',NULL,'2027-03-13 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(53,5,1,'2027-03-12','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','d104',NULL,'2027-03-13 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(54,6,1,'2027-03-12','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','2027-03-13 02:00:00.000000','d105',NULL,'2027-03-13 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(56,4,1,'2027-03-13','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','d110',NULL,'2027-03-14 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(57,5,1,'2027-03-13','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','d111',NULL,'2027-03-14 04:00:00.000000',NULL);
INSERT INTO checkins VALUES(58,6,1,'2027-03-13','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','2027-03-14 02:00:00.000000','d112',NULL,'2027-03-14 04:00:00.000000',NULL);
CREATE TABLE checkin_answers (
	id INTEGER NOT NULL, 
	checkin_id INTEGER NOT NULL, 
	question_id VARCHAR(100) NOT NULL, 
	score INTEGER, 
	note TEXT, 
	answered_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_checkin_answers_question UNIQUE (checkin_id, question_id), 
	FOREIGN KEY(checkin_id) REFERENCES checkins (id) ON DELETE CASCADE
);
INSERT INTO checkin_answers VALUES(6,2,'safe-to-open',3,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(7,2,'words-match-actions',3,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(8,2,'felt-connected',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(9,2,'felt-respected',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(10,3,'safe-to-open',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(11,3,'words-match-actions',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(12,3,'felt-connected',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(13,3,'felt-respected',5,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(14,4,'safe-to-open',2,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(15,4,'words-match-actions',3,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(16,4,'felt-connected',2,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(17,4,'felt-respected',3,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(18,5,'safe-to-open',5,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(19,5,'words-match-actions',4,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(20,5,'felt-connected',5,NULL,'2027-03-02 02:00:00.000000');
INSERT INTO checkin_answers VALUES(21,5,'felt-respected',5,NULL,'2027-03-02 02:00:00.000000');
CREATE TABLE challenge_runs (
	id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	challenge_id VARCHAR(100), 
	title VARCHAR(80) NOT NULL, 
	steps TEXT NOT NULL, 
	days INTEGER NOT NULL, 
	channel_ref VARCHAR(200) NOT NULL, 
	channel_name VARCHAR(200) DEFAULT '' NOT NULL, 
	timezone VARCHAR(64) NOT NULL, 
	local_time VARCHAR(5) NOT NULL, 
	start_date DATE NOT NULL, 
	anchor_day INTEGER DEFAULT '1' NOT NULL, 
	anchor_date DATE NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	next_step INTEGER DEFAULT '1' NOT NULL, 
	next_run_at DATETIME, 
	message_ref VARCHAR(200), 
	thread_ref VARCHAR(200), 
	version INTEGER DEFAULT '0' NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO challenge_runs VALUES(1,1,'nine-steps','Nine steps in nine days','[{"title": "Keep one promise", "text": "Make one small, specific promise to your partner today, such as the time you''ll be home, and keep it exactly. Tonight, notice how it felt to follow through.", "theme": "align-words-and-actions"}, {"title": "Listen first", "text": "In one conversation today, let your partner finish before you speak. Sum up what you heard, check you got it right, then share your view. Keep an ear on your tone.", "theme": "show-respect"}, {"title": "Name your values", "text": "Each of you write down your top three values, such as fun, safety, freedom or security. Swap lists. Pick one place where they pull apart and brainstorm two ways to honour both.", "theme": "honour-both-values"}, {"title": "One true sentence", "text": "Swap one automatic answer for an honest one today. If you''ve told a small fib recently, correct it kindly and simply.", "theme": "be-honest"}, {"title": "A clean apology", "text": "Think of something small you got wrong lately. Apologise today: name what you did, how it may have affected your partner, and what you''ll do differently. Leave out the ''but''.", "theme": "say-sorry"}, {"title": "Thirty minutes together", "text": "Set aside 20 to 30 minutes tonight for just the two of you, phones away. Talk, walk or watch something together. Being present is the point, not what you do.", "theme": "focus-on-connection"}, {"title": "Talk about one worry", "text": "At a calm moment, ask your partner if there''s one specific thing that makes trust hard for them right now. Listen, take it seriously even if it seems small, and agree one small next step.", "theme": "have-a-conversation"}, {"title": "Ask what they need", "text": "Ask: ''What would help you feel supported this week?'' Validate what you hear before offering any ideas. If you ever feel unsafe yourself, put your own safety first and type `help safety`.", "theme": "create-emotional-safety"}, {"title": "Consider outside help", "text": "Look back over the past eight days. What helped? What still feels stuck? If trust stays hard despite your efforts, talk together about seeing a couples therapist, and take one practical step, such as asking your doctor for a referral.", "theme": "attend-therapy"}]',9,'challenges','challenges','America/New_York','09:00','2027-03-02',1,'2027-03-02','finished',10,NULL,'m4','t3',11,'2027-03-01 12:00:00.000000','2027-03-11 14:00:00.000000','2027-03-11 14:00:00.000000');
CREATE TABLE challenge_days (
	run_id INTEGER NOT NULL, 
	day INTEGER NOT NULL, 
	local_date DATE NOT NULL, 
	scheduled_for DATETIME NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	message_ref VARCHAR(200), 
	CONSTRAINT pk_challenge_days PRIMARY KEY (run_id, day), 
	FOREIGN KEY(run_id) REFERENCES challenge_runs (id) ON DELETE CASCADE
);
INSERT INTO challenge_days VALUES(1,1,'2027-03-02','2027-03-02 14:00:00.000000','posted','m5');
INSERT INTO challenge_days VALUES(1,2,'2027-03-03','2027-03-03 14:00:00.000000','posted','m7');
INSERT INTO challenge_days VALUES(1,3,'2027-03-04','2027-03-04 14:00:00.000000','posted','m9');
INSERT INTO challenge_days VALUES(1,4,'2027-03-05','2027-03-05 14:00:00.000000','posted','m11');
INSERT INTO challenge_days VALUES(1,5,'2027-03-06','2027-03-06 14:00:00.000000','posted','m13');
INSERT INTO challenge_days VALUES(1,6,'2027-03-07','2027-03-07 14:00:00.000000','posted','m15');
INSERT INTO challenge_days VALUES(1,7,'2027-03-08','2027-03-08 14:00:00.000000','posted','m18');
INSERT INTO challenge_days VALUES(1,8,'2027-03-09','2027-03-09 14:00:00.000000','posted','m20');
INSERT INTO challenge_days VALUES(1,9,'2027-03-10','2027-03-10 14:00:00.000000','posted','m23');
CREATE TABLE challenge_members (
	run_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	joined_at DATETIME NOT NULL, 
	dm BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_challenge_members PRIMARY KEY (run_id, member_id), 
	FOREIGN KEY(run_id) REFERENCES challenge_runs (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE, 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
CREATE TABLE challenge_progress (
	run_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	day INTEGER NOT NULL, 
	done_at DATETIME NOT NULL, 
	CONSTRAINT pk_challenge_progress PRIMARY KEY (run_id, member_id, day), 
	FOREIGN KEY(run_id) REFERENCES challenge_runs (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES members (id) ON DELETE CASCADE
);
CREATE TABLE reflections (
	id INTEGER NOT NULL, 
	community_id INTEGER NOT NULL, 
	week_start DATE NOT NULL, 
	local_date DATE NOT NULL, 
	theme_id VARCHAR(100) NOT NULL, 
	theme_source VARCHAR(12) NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	channel_ref VARCHAR(200) NOT NULL, 
	message_ref VARCHAR(200), 
	thread_ref VARCHAR(200), 
	opened_at DATETIME NOT NULL, 
	close_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	closing_ref VARCHAR(200), 
	reply_count INTEGER DEFAULT '0' NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_reflections_community_week UNIQUE (community_id, week_start), 
	FOREIGN KEY(community_id) REFERENCES communities (id) ON DELETE CASCADE
);
INSERT INTO reflections VALUES(1,1,'2027-03-01','2027-03-07','focus-on-connection','peer','closed','daily-prompts','m16','t9','2027-03-07 23:00:00.000000','2027-03-09 23:00:00.000000','2027-03-09 23:00:00.000000','m21',0);
INSERT INTO reflections VALUES(2,1,'2027-03-08','2027-03-14','safe-to-be-open','rotation','open','daily-prompts','m29','t17','2027-03-14 22:00:00.000000','2027-03-16 22:00:00.000000',NULL,NULL,0);
CREATE INDEX ix_schedules_due ON schedules (next_run_at);
CREATE INDEX ix_prompt_posts_thread ON prompt_posts (community_id, thread_ref);
CREATE INDEX ix_prompt_posts_cycle ON prompt_posts (community_id, cycle);
CREATE INDEX ix_participation_member ON participation (member_id, community_id);
CREATE INDEX ix_tip_history_member ON tip_history (member_id, id);
CREATE INDEX ix_checkin_subscriptions_due ON checkin_subscriptions (next_due_at);
CREATE INDEX ix_checkin_subscriptions_community ON checkin_subscriptions (community_id);
CREATE INDEX ix_checkins_remind ON checkins (remind_at);
CREATE INDEX ix_checkins_community_week ON checkins (community_id, scheduled_for);
CREATE INDEX ix_challenge_runs_due ON challenge_runs (next_run_at);
CREATE INDEX ix_challenge_runs_community ON challenge_runs (community_id, status);
CREATE INDEX ix_challenge_members_member ON challenge_members (member_id);
CREATE INDEX ix_challenge_progress_member ON challenge_progress (member_id);
CREATE INDEX ix_reflections_close_at ON reflections (close_at);
CREATE INDEX ix_reflections_thread ON reflections (community_id, thread_ref);
COMMIT;
