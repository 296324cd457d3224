from django.urls import path

from core.paths import object_paths

from . import public_views
from .views import ratings

app_name = "satisfaction"

urlpatterns = [
    # Public pages (no login): the QR page on a citizen's phone and the tablet at the desk.
    path("danh-gia/sw.js", public_views.service_worker, name="service_worker"),
    path("danh-gia/<slug:public_code>/", public_views.qr_page, name="qr_page"),
    path("danh-gia/<slug:public_code>/gui/", public_views.qr_submit, name="qr_submit"),
    path("danh-gia/<slug:public_code>/quay/", public_views.kiosk_page, name="kiosk_page"),
    path("danh-gia/<slug:public_code>/quay/gui/", public_views.kiosk_submit, name="kiosk_submit"),
    # Officials.
    path("hai-long/", ratings.ResultsView.as_view(), name="results"),
    path("hai-long/thiet-lap/", ratings.SettingsView.as_view(), name="settings"),
    path("hai-long/thiet-lap/ly-do/", ratings.ReasonSaveView.as_view(), name="settings_reason"),
    path("hai-long/thiet-lap/dich-vu/", ratings.ServiceSaveView.as_view(), name="settings_service"),
    *object_paths("hai-long/quay/", "desk", list=ratings.DeskListView, add=ratings.DeskCreateView,
                  detail=ratings.DeskDetailView, edit=ratings.DeskEditView),
    path("hai-long/quay/<int:pk>/ma-qr/", ratings.DeskQrPosterView.as_view(), name="desk_qr_poster"),
    path("hai-long/quay/<int:pk>/truc/", ratings.DeskOnDutyView.as_view(), name="desk_on_duty"),
    path("hai-long/quay/<int:pk>/thiet-bi/", ratings.DeviceIssueView.as_view(), name="device_issue"),
    path("hai-long/quay/<int:pk>/thiet-bi/<int:device_pk>/thu-hoi/", ratings.DeviceRevokeView.as_view(),
         name="device_revoke"),
    *object_paths("hai-long/khac-phuc/", "action", list=ratings.ActionListView, detail=ratings.ActionDetailView,
                  edit=ratings.ActionEditView),
    path("hai-long/khac-phuc/kiem-tra/", ratings.ThresholdCheckView.as_view(), name="threshold_check"),
]

from .views import surveys  # noqa: E402

urlpatterns += [
    path("khao-sat/<str:token>/", surveys.survey_public, name="survey_public"),
    *object_paths("hai-long/khao-sat/", "campaign", list=surveys.CampaignListView, add=surveys.CampaignCreateView,
                  detail=surveys.CampaignDetailView, edit=surveys.CampaignEditView),
    path("hai-long/khao-sat/<int:pk>/cau-hoi/", surveys.QuestionnaireView.as_view(), name="questionnaire"),
    path("hai-long/khao-sat/<int:pk>/nhap-phieu/", surveys.PaperEntryView.as_view(), name="paper_entry"),
    path("hai-long/khao-sat/<int:pk>/xuat-excel/", surveys.CampaignExportView.as_view(), name="campaign_export"),
]

from .views import criteria  # noqa: E402

FG = "chinh-quyen-than-thien/"
urlpatterns += [
    path(FG, criteria.AssessmentListView.as_view(), name="assessment_list"),
    path(FG + "tu-danh-gia/them/", criteria.AssessmentCreateView.as_view(), name="assessment_add"),
    path(FG + "tu-danh-gia/<int:pk>/", criteria.AssessmentDetailView.as_view(), name="assessment_detail"),
    path(FG + "tu-danh-gia/<int:pk>/tu-cham/", criteria.AssessmentScoreView.as_view(), name="assessment_score"),
    path(FG + "tu-danh-gia/<int:pk>/tham-dinh/", criteria.AssessmentReviewView.as_view(), name="assessment_review"),
    path(FG + "tu-danh-gia/<int:pk>/phan-hoi/", criteria.AssessmentReplyView.as_view(), name="assessment_reply"),
    path(FG + "tu-danh-gia/<int:pk>/chot/", criteria.AssessmentFinaliseView.as_view(), name="assessment_finalise"),
    path(FG + "tu-danh-gia/<int:pk>/nhiem-vu/", criteria.AssessmentGapTaskView.as_view(), name="assessment_gap"),
    path(FG + "tieu-chi/", criteria.CriteriaSetListView.as_view(), name="criteria_set_list"),
    path(FG + "tieu-chi/mau/", criteria.CriteriaExampleView.as_view(), name="criteria_example"),
    path(FG + "tieu-chi/<int:pk>/", criteria.CriteriaSetDetailView.as_view(), name="criteria_set_detail"),
    path(FG + "tieu-chi/<int:pk>/tai-ve/", criteria.CriteriaSetExportView.as_view(), name="criteria_set_export"),
    path(FG + "tieu-chi/muc/<int:pk>/sua/", criteria.CriterionEditView.as_view(), name="criterion_edit"),
    path(FG + "tieu-chi/sao/<int:pk>/sua/", criteria.StarLevelEditView.as_view(), name="star_level_edit"),
]
