app_name = "mysteryshopping"

urlpatterns: list = []
