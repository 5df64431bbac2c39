/** The demo shop's tables (main/engine/db/shop-seed.ts) as Django models; the tables already exist. */
export const SHOP_MODELS = `from django.db import models


class Product(models.Model):
    name = models.TextField()
    price_cents = models.IntegerField()
    stock = models.IntegerField()
    category = models.TextField()

    class Meta:
        managed = False
        db_table = "products"


class Cart(models.Model):
    customer = models.TextField()
    created_at = models.TextField()

    class Meta:
        managed = False
        db_table = "carts"


class CartItem(models.Model):
    # The table's key is (cart_id, product_id); Django needs one primary key column to read rows.
    cart = models.ForeignKey(Cart, on_delete=models.DO_NOTHING, primary_key=True)
    product = models.ForeignKey(Product, on_delete=models.DO_NOTHING)
    quantity = models.IntegerField()

    class Meta:
        managed = False
        db_table = "cart_items"


class Order(models.Model):
    customer = models.TextField()
    total_cents = models.IntegerField()
    created_at = models.TextField()

    class Meta:
        managed = False
        db_table = "orders"
`;
