from django.urls import path

from core.paths import object_paths

from . import views

app_name = "models_khoe"

urlpatterns = [
    *object_paths("dan-van-kheo/", "model", list=views.ModelListView, detail=views.ModelDetailView,
                  edit=views.ReviseView),
    path("dan-van-kheo/dang-ky/", views.RegisterView.as_view(), name="model_add"),
    path("dan-van-kheo/viec-can-cham/", views.TodoView.as_view(), name="todo"),
    path("dan-van-kheo/xep-hang/", views.RankingView.as_view(), name="ranking"),
    *object_paths("dan-van-kheo/khoi/", "bloc", list=views.BlocListView, add=views.BlocCreateView,
                  detail=views.BlocDetailView, edit=views.BlocEditView),
    path("dan-van-kheo/khoi/<int:pk>/tieu-chi/", views.BlocCriteriaView.as_view(), name="bloc_criteria"),
    path("dan-van-kheo/khoi/<int:pk>/nguoi-cham/", views.EvaluatorAssignView.as_view(), name="evaluator_assign"),
    path("dan-van-kheo/khoi/<int:pk>/nguoi-cham/bo/", views.EvaluatorRemoveView.as_view(), name="evaluator_remove"),
    path("dan-van-kheo/cong-nhan/", views.round_latest, name="round_latest"),
    path("dan-van-kheo/cong-nhan/<int:year>/", views.RoundView.as_view(), name="round_detail"),
    path("dan-van-kheo/cong-nhan/<int:year>/sua/", views.RoundEditView.as_view(), name="round_edit"),
    path("dan-van-kheo/cong-nhan/<int:year>/de-nghi/", views.RoundProposalView.as_view(), name="round_proposal_edit"),
    path("dan-van-kheo/cong-nhan/<int:year>/de-nghi.pdf", views.ProposalPdfView.as_view(), name="round_proposal"),
    path("dan-van-kheo/<int:pk>/phien-ban/", views.VersionsView.as_view(), name="model_versions"),
    path("dan-van-kheo/<int:pk>/tham-dinh/", views.AppraiseView.as_view(), name="appraise"),
    path("dan-van-kheo/<int:pk>/chi-tieu/", views.IndicatorValueView.as_view(), name="value_add"),
    path("dan-van-kheo/<int:pk>/hoat-dong/", views.ActivityCreateView.as_view(), name="activity_add"),
    path("dan-van-kheo/<int:pk>/tuyen-truyen/", views.PublicityCreateView.as_view(), name="publicity_add"),
    path("dan-van-kheo/<int:pk>/minh-chung/", views.EvidenceCreateView.as_view(), name="evidence_add"),
    path("dan-van-kheo/<int:pk>/cham-diem/", views.ScoreView.as_view(), name="score"),
    path("dan-van-kheo/<int:pk>/cong-nhan/", views.RecogniseView.as_view(), name="recognise"),
    path("dan-van-kheo/<int:pk>/nhan-rong/", views.ReplicationCreateView.as_view(), name="replication_add"),
    path("dan-van-kheo/<int:pk>/giay-chung-nhan.pdf", views.CertificateView.as_view(), name="certificate"),
    # Public: recognised models for propagation, without login.
    *object_paths("mo-hinh-tieu-bieu/", "public", list=views.PublicListView, detail=views.PublicDetailView),
    path("mo-hinh-tieu-bieu/anh/<int:pk>/", views.public_photo, name="public_photo"),
]
